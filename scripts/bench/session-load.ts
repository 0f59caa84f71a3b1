/**
 * `npm run bench:session-load`: `/api/auth/session` with a valid session cookie for 60 s at 50
 * connections on the production build. Budgets: no errors, and flat memory. Resident memory
 * saws up and down with garbage collection, so what is compared is its floor (the lowest sample,
 * right after a collection) in the last third of the run against the first third: a leak raises
 * the floor; a busy heap only the peaks. At most 10 % growth.
 */
import autocannon from 'autocannon'

import { fixed, printTable, runBench, writeResults } from './report'
import { signIn } from './sign-in'
import { startSite } from './site-process'

const CONNECTIONS = 50
const WARM_UP_SECONDS = 10
const SECONDS = 60
const MAX_MEMORY_GROWTH = 0.1
const SAMPLE_EVERY_MS = 2_000

async function main(): Promise<boolean> {
  const site = await startSite()
  try {
    const session = await signIn(site.origin)
    const options = {
      url: `${site.origin}/api/auth/session`,
      headers: { cookie: session },
      connections: CONNECTIONS,
    }
    await autocannon({ ...options, duration: WARM_UP_SECONDS })
    const samplesKb: number[] = []
    const sampler = setInterval(() => samplesKb.push(site.residentKb()), SAMPLE_EVERY_MS)
    let result: autocannon.Result
    try {
      result = await autocannon({ ...options, duration: SECONDS })
    } finally {
      clearInterval(sampler)
    }
    const third = Math.floor(samplesKb.length / 3)
    const memoryBeforeKb = Math.min(...samplesKb.slice(0, third))
    const memoryAfterKb = Math.min(...samplesKb.slice(-third))
    const errors = result.non2xx + result.errors + result.timeouts
    const growth = memoryAfterKb / memoryBeforeKb - 1
    const pass = errors === 0 && growth <= MAX_MEMORY_GROWTH
    printTable(`GET /api/auth/session, ${SECONDS} s at ${CONNECTIONS} connections`, [
      ['requests per second (mean)', fixed(result.requests.average)],
      ['latency p50 / p99', `${result.latency.p50} / ${result.latency.p99} ms`],
      ['errors (non-2xx, socket, timeouts)', `${errors} (budget 0)`],
      ['memory floor, first third', `${fixed(memoryBeforeKb / 1024)} MiB`],
      ['memory floor, last third', `${fixed(memoryAfterKb / 1024)} MiB`],
      ['growth', `${fixed(growth * 100)} % (budget ≤ ${MAX_MEMORY_GROWTH * 100} %)`],
      ['result', pass ? 'PASS' : 'FAIL'],
    ])
    await writeResults('session-load', {
      measuredAt: new Date().toISOString(),
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
      errors,
      memoryBeforeKb,
      memoryAfterKb,
      samplesKb,
      pass,
    })
    return pass
  } finally {
    await site.stop()
  }
}

runBench(main)
