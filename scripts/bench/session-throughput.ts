/**
 * `npm run bench:session`: requests per second on the production build for a static chapter,
 * for `/api/auth/session` with a valid session cookie, and for the same with the reader's
 * trace cookie, in alternating slices of one run. Budgets, all ratios: untraced session ≥
 * 0.5 × the static page, traced ≥ 0.8 × untraced; no errors; and visitors without the trace
 * cookie cause no trace writes at all.
 * why: each ratio is taken within a round, between slices seconds apart, and the verdict is
 * the median of those. A neighbour's build here can halve the throughput of a whole round;
 * it then halves both sides of that round's ratio and leaves the ratio alone.
 */
import { connectDatabase } from '../../demo-backend/db/connect'
import type { TraceSchema } from '../../lib/trace/schema'
import { median } from './argon2-ceiling'
import type { LoadTarget } from './login-load'
import { loadTarget } from './login-load'
import { fixed, printGrid, runBench, verdict, writeResults } from './report'
import { cookiesOf, signIn } from './sign-in'
import { startSite } from './site-process'

const MIN_SESSION_TO_STATIC = 0.5
const MIN_TRACED_TO_UNTRACED = 0.8
const STATIC_ROUTE = '/guide/setup'
const ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 5)
const SECONDS_PER_SLICE = 3
const CONNECTIONS = 50

type Kind = 'static' | 'untraced' | 'traced'

async function traceCookie(origin: string): Promise<string> {
  const cookie = cookiesOf(await fetch(`${origin}/api/trace`))[0]
  if (!cookie?.startsWith('handbook-trace=')) throw new Error('no trace cookie issued')
  return cookie
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
  const slices: Record<Kind, number[]> = { static: [], untraced: [], traced: [] }
  let errors = 0
  let untracedWrites = 0
  try {
    const session = await signIn(site.origin)
    const trace = await traceCookie(site.origin)
    const sessionUrl = `${site.origin}/api/auth/session`
    const targets: Record<Kind, LoadTarget> = {
      static: { url: `${site.origin}${STATIC_ROUTE}` },
      untraced: { url: sessionUrl, headers: { cookie: session } },
      traced: { url: sessionUrl, headers: { cookie: `${session}; ${trace}` } },
    }
    for (const target of Object.values(targets)) await loadTarget(target, CONNECTIONS, 3)
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of ['static', 'untraced', 'traced'] as const) {
        const rowsBefore = kind === 'untraced' ? await countTraceRows(site.databaseUrl) : 0
        const slice = await loadTarget(targets[kind], CONNECTIONS, SECONDS_PER_SLICE)
        if (kind === 'untraced') {
          untracedWrites += (await countTraceRows(site.databaseUrl)) - rowsBefore
        }
        slices[kind].push(slice.ok / slice.seconds)
        errors += slice.non2xx + slice.socketErrors + slice.timeouts
      }
    }
  } finally {
    await site.stop()
  }

  const rps = {
    static: median(slices.static),
    untraced: median(slices.untraced),
    traced: median(slices.traced),
  }
  const perRound = (top: number[], bottom: number[]) =>
    top.map((value, round) => value / (bottom[round] ?? Number.NaN))
  const sessionRatios = perRound(slices.untraced, slices.static)
  const tracedRatios = perRound(slices.traced, slices.untraced)
  const sessionRatio = median(sessionRatios)
  const tracedRatio = median(tracedRatios)
  const checks = {
    session: sessionRatio >= MIN_SESSION_TO_STATIC,
    traced: tracedRatio >= MIN_TRACED_TO_UNTRACED,
    writes: untracedWrites === 0,
    errors: errors === 0,
  }
  const each = (values: number[], digits = 0) => values.map((v) => fixed(v, digits)).join(', ')
  printGrid(
    `Requests per second in ${ROUNDS} rounds of ${SECONDS_PER_SLICE} s slices at ${CONNECTIONS} connections; ratios: median of the rounds'`,
    ['what', 'req/s (median)', 'rounds', 'ratio', 'rounds’ ratios', 'budget', 'result'],
    [
      [`GET ${STATIC_ROUTE}`, fixed(rps.static), each(slices.static), '', '', '', ''],
      [
        'GET /api/auth/session',
        fixed(rps.untraced),
        each(slices.untraced),
        `${fixed(sessionRatio, 2)} of static`,
        each(sessionRatios, 2),
        `≥ ${MIN_SESSION_TO_STATIC}`,
        verdict(checks.session),
      ],
      [
        '… with the trace cookie',
        fixed(rps.traced),
        each(slices.traced),
        `${fixed(tracedRatio, 2)} of untraced`,
        each(tracedRatios, 2),
        `≥ ${MIN_TRACED_TO_UNTRACED}`,
        verdict(checks.traced),
      ],
      [
        'trace rows from untraced load',
        String(untracedWrites),
        '',
        '',
        '',
        '0',
        verdict(checks.writes),
      ],
      [
        'errors (non-2xx, socket, timeouts)',
        String(errors),
        '',
        '',
        '',
        '0',
        verdict(checks.errors),
      ],
    ],
  )
  const pass = Object.values(checks).every(Boolean)
  await writeResults('session', {
    measuredAt: new Date().toISOString(),
    connections: CONNECTIONS,
    slices,
    requestsPerSecond: rps,
    sessionRatios,
    tracedRatios,
    sessionRatio,
    tracedRatio,
    untracedWrites,
    errors,
    pass,
  })
  return pass
}

runBench(main)
