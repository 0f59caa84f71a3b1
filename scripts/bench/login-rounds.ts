import type { Argon2Ceiling } from './argon2-ceiling'
import { ceilingFrom, countParallelVerifies, percentile, timeVerifies } from './argon2-ceiling'
import type { LoadSlice } from './login-load'
import { loadLogins, logsIn } from './login-load'

/**
 * How the bench takes its turns.
 * why: the ceiling and the load alternate in short rounds instead of one long block each.
 * The noise on these machines comes and goes within seconds (a neighbour's build, a test
 * run), and a ceiling measured before the load says little about the CPU during it.
 */
export const ROUND_PLAN = {
  rounds: 5,
  verifiesPerRound: 8,
  parallelVerifySecondsPerRound: 0.6,
  loadSecondsPerRound: 2,
  connections: 20,
} as const

type Round = {
  verifyTimesMs: number[]
  parallel: { verifies: number; seconds: number }
  load: LoadSlice
}

/** Runs every round against a backend that is already up and warm. */
export async function runRounds(
  origin: string,
  passwordHash: string,
  cores: number,
): Promise<Round[]> {
  const plan = ROUND_PLAN
  const rounds: Round[] = []
  for (let i = 0; i < plan.rounds; i++) {
    const verifyTimesMs = await timeVerifies(passwordHash, plan.verifiesPerRound, 1)
    const parallel = await countParallelVerifies(
      passwordHash,
      cores,
      plan.parallelVerifySecondsPerRound,
    )
    const load = await loadLogins(origin, plan.connections, plan.loadSecondsPerRound)
    // why: log-ins still queued in the server when the slice ends would run during the next
    // round's verifies and slow them down; this one waits behind all of them.
    if (!(await logsIn(origin))) throw new Error('the backend stopped logging in')
    rounds.push({ verifyTimesMs, parallel, load })
  }
  return rounds
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
const loginRate = (slices: LoadSlice[]) =>
  sum(slices.map((s) => s.logins)) / sum(slices.map((s) => s.seconds))
const ratioTo = (ceiling: Argon2Ceiling, slices: LoadSlice[]) =>
  loginRate(slices) / ceiling.loginsPerSecond

/** Pools the rounds into the figures the bench reports and judges. */
export function summariseRounds(rounds: Round[]) {
  const slices = rounds.map((round) => round.load)
  const ceiling = ceilingFrom(rounds.flatMap((round) => round.verifyTimesMs))
  const latenciesMs = slices.flatMap((slice) => slice.latenciesMs)
  return {
    ceiling,
    parallelVerifiesPerSecond:
      sum(rounds.map((r) => r.parallel.verifies)) / sum(rounds.map((r) => r.parallel.seconds)),
    loadSeconds: sum(slices.map((s) => s.seconds)),
    logins: sum(slices.map((s) => s.logins)),
    loginsPerSecond: loginRate(slices),
    latencyMs: { p50: percentile(latenciesMs, 0.5), p99: percentile(latenciesMs, 0.99) },
    errors: {
      non2xx: sum(slices.map((s) => s.non2xx)),
      socket: sum(slices.map((s) => s.socketErrors)),
      timeouts: sum(slices.map((s) => s.timeouts)),
    },
    ratio: ratioTo(ceiling, slices),
    roundRatios: rounds.map((round) => ratioTo(ceilingFrom(round.verifyTimesMs), [round.load])),
  }
}

export type RoundsSummary = ReturnType<typeof summariseRounds>
