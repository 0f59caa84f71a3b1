/**
 * `npm run bench:backend`: log-in throughput of the standalone backend (`npm run backend`)
 * against the raw argon2 ceiling measured in the same run. A diagnostic beside the budget:
 * `npm run bench` holds the site's own `/api/backend/login` to the same ratio (login-throughput.ts),
 * and this tells whether a shortfall there is the backend's or Next's.
 *
 * A log-in is one argon2id verify plus some database and token work, so the backend can
 * never beat cores ÷ verify time. The budget is the ratio to that ceiling, never a time:
 * these machines are shared and noisy, and only a ratio of two things measured side by side
 * survives a neighbour that takes half the CPU.
 */
import { availableParallelism } from 'node:os'

import { hashBenchPassword } from './argon2-ceiling'
import { startBackend } from './backend-process'
import { backendLogin, loadTarget, logsIn } from './login-load'
import type { RoundsSummary } from './login-rounds'
import { ROUND_PLAN, runRounds, summariseRounds } from './login-rounds'
import { fixed, printTable, runBench, writeResults } from './report'

const MIN_RATIO = 0.6
const WARM_UP_SECONDS = 3

function printReport(summary: RoundsSummary<'login'>, pass: boolean): void {
  const { ceiling } = summary
  const figures = { ...summary.targets.login, ...summary }
  const { errors, latencyMs } = figures
  const loadSeconds = fixed(figures.loadSeconds, 2)
  const roundRatios = figures.roundRatios.map((ratio) => fixed(ratio, 2)).join(', ')
  printTable('Backend log-in throughput vs. the argon2 ceiling', [
    ['cores (availableParallelism)', String(ceiling.cores)],
    [
      'argon2 verify median',
      `${fixed(ceiling.verifyMedianMs, 2)} ms (${ceiling.samples} verifies)`,
    ],
    ['ceiling (cores ÷ verify)', `${fixed(ceiling.loginsPerSecond)} req/s`],
    ['argon2 alone, cores at once', `${fixed(figures.parallelVerifiesPerSecond)} verifies/s`],
    [
      'measured log-ins',
      `${fixed(figures.loginsPerSecond)} req/s (${figures.logins} in ${loadSeconds} s, ${ROUND_PLAN.connections} connections)`,
    ],
    ['latency p50 / p99', `${fixed(latencyMs.p50, 0)} / ${fixed(latencyMs.p99, 0)} ms`],
    ['errors (non-2xx + socket)', String(errors.non2xx + errors.socket)],
    [
      'log-ins ÷ argon2 alone',
      `${fixed(figures.loginsPerSecond / figures.parallelVerifiesPerSecond, 2)} (diagnostic: what the backend adds)`,
    ],
    ['ratio log-ins ÷ ceiling', `${fixed(figures.ratio, 2)} (rounds: ${roundRatios})`],
    ['budget', `ratio ≥ ${MIN_RATIO}, no errors`],
    ['result', pass ? 'PASS' : 'FAIL'],
  ])
}

async function main(): Promise<boolean> {
  const cores = availableParallelism()
  const passwordHash = await hashBenchPassword()
  const backend = await startBackend(logsIn)
  let figures: RoundsSummary<'login'>
  try {
    const login = backendLogin(backend.origin)
    await loadTarget(login, ROUND_PLAN.connections, WARM_UP_SECONDS)
    await logsIn(backend.origin)
    figures = summariseRounds(await runRounds({ login }, login, passwordHash, cores))
  } finally {
    await backend.stop()
  }

  const { ratio, errors } = figures.targets.login
  const pass = ratio >= MIN_RATIO && errors.non2xx + errors.socket + errors.timeouts === 0
  printReport(figures, pass)
  const file = await writeResults('backend-login', {
    measuredAt: new Date().toISOString(),
    node: process.version,
    plan: ROUND_PLAN,
    ...figures,
    minRatio: MIN_RATIO,
    pass,
  })
  console.log(`Figures written to ${file}`)
  return pass
}

runBench(main)
