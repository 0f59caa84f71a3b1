/**
 * `npm run bench:trace`: what the callback tracer costs. `/api/auth/session` with a valid
 * session cookie is loaded alternately without and with the reader's trace cookie, in the same
 * run; the budget is a ratio (traced ≥ 0.8 × untraced), and visitors without the cookie must
 * cause no trace writes at all.
 */
import autocannon from 'autocannon'

import { connectDatabase } from '../../demo-backend/db/connect'
import type { TraceSchema } from '../../lib/trace/schema'
import { fixed, printTable, runBench, writeResults } from './report'
import { cookiesOf, signIn } from './sign-in'
import { startSite } from './site-process'

const MIN_TRACED_RATIO = 0.8
const ROUNDS = 3
const SECONDS_PER_SLICE = 5
const CONNECTIONS = 20

async function traceCookie(origin: string): Promise<string> {
  const cookie = cookiesOf(await fetch(`${origin}/api/trace`))[0]
  if (!cookie?.startsWith('handbook-trace=')) throw new Error('no trace cookie issued')
  return cookie
}

async function load(url: string, cookie: string) {
  const result = await autocannon({
    url,
    headers: { cookie },
    connections: CONNECTIONS,
    duration: SECONDS_PER_SLICE,
  })
  return { rps: result.requests.average, errors: result.non2xx + result.errors + result.timeouts }
}

async function countTraceRows(databaseUrl: string): Promise<number> {
  const handle = connectDatabase<TraceSchema>(databaseUrl)
  try {
    const row = await handle.db
      .selectFrom('trace_events')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirst()
    return Number(row?.count ?? 0)
  } finally {
    await handle.close()
  }
}

async function main(): Promise<boolean> {
  const site = await startSite()
  try {
    const session = await signIn(site.origin)
    const trace = await traceCookie(site.origin)
    const url = `${site.origin}/api/auth/session`
    await load(url, session) // warm-up
    const rowsBefore = await countTraceRows(site.databaseUrl)
    const untraced = await load(url, session)
    const rowsAfterUntraced = await countTraceRows(site.databaseUrl)
    const slices = { untraced: [untraced.rps], traced: [] as number[], errors: untraced.errors }
    for (let round = 0; round < ROUNDS; round++) {
      const traced = await load(url, `${session}; ${trace}`)
      slices.traced.push(traced.rps)
      slices.errors += traced.errors
      if (round < ROUNDS - 1) {
        const plain = await load(url, session)
        slices.untraced.push(plain.rps)
        slices.errors += plain.errors
      }
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
    const ratio = median(slices.traced) / median(slices.untraced)
    const untracedWrites = rowsAfterUntraced - rowsBefore
    const pass = ratio >= MIN_TRACED_RATIO && untracedWrites === 0 && slices.errors === 0
    printTable('Tracing cost on GET /api/auth/session (valid session cookie)', [
      ['untraced req/s (median)', fixed(median(slices.untraced))],
      ['traced req/s (median)', fixed(median(slices.traced))],
      ['ratio traced ÷ untraced', `${fixed(ratio, 2)} (budget ≥ ${MIN_TRACED_RATIO})`],
      ['trace rows written by untraced load', `${untracedWrites} (budget 0)`],
      ['errors', `${slices.errors} (budget 0)`],
      ['result', pass ? 'PASS' : 'FAIL'],
    ])
    await writeResults('trace-cost', {
      measuredAt: new Date().toISOString(),
      ...slices,
      ratio,
      untracedWrites,
      pass,
    })
    return pass
  } finally {
    await site.stop()
  }
}

runBench(main)
