/**
 * `npm run bench`: every bench, one after the other, on one production build (made or reused,
 * see ensure-build.ts), then a summary. Each bench runs in a process of its own and writes
 * its figures to bench-results/<name>.json; the exit code is 1 when any budget was missed.
 * `BENCH_ONLY=pages,bytes` runs a subset; `BENCH_RUNS` sets the Lighthouse runs per page.
 */
import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'

import { ensureBuild } from './ensure-build'
import { fixed, printGrid, runBench, verdict } from './report'

/** In order: the quick static checks first, the long load last. */
const BENCHES = [
  { name: 'bytes', file: 'bytes.ts', what: 'first-load JavaScript vs the baseline page' },
  { name: 'pages', file: 'pages.mts', what: 'Lighthouse, mobile + desktop, vs the baseline page' },
  { name: 'sign-in', file: 'sign-in-latency.ts', what: 'sign-in round trip vs one argon2 verify' },
  {
    name: 'session',
    file: 'session-throughput.ts',
    what: 'session req/s vs a static page; traced',
  },
  { name: 'login', file: 'login-throughput.ts', what: 'log-ins vs the argon2 ceiling; static p99' },
  { name: 'session-load', file: 'session-load.ts', what: '60 s of sessions: errors, memory floor' },
] as const

async function main(): Promise<boolean> {
  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim())
  const chosen = BENCHES.filter((bench) => !only || only.includes(bench.name))
  if (chosen.length === 0)
    throw new Error(`BENCH_ONLY names none of: ${BENCHES.map((b) => b.name)}`)
  ensureBuild()
  const outcomes = chosen.map((bench) => {
    console.log(`\n▶ bench ${bench.name}: ${bench.what}`)
    const started = performance.now()
    const run = spawnSync(process.execPath, ['--import', 'tsx', `scripts/bench/${bench.file}`], {
      stdio: 'inherit',
    })
    return { ...bench, pass: run.status === 0, seconds: (performance.now() - started) / 1000 }
  })
  printGrid(
    'npm run bench: summary (figures in bench-results/)',
    ['bench', 'what', 'time', 'result'],
    outcomes.map((o) => [o.name, o.what, `${fixed(o.seconds, 0)} s`, verdict(o.pass)]),
  )
  return outcomes.every((outcome) => outcome.pass)
}

runBench(main)
