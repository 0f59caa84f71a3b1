import type { Argon2Ceiling } from './argon2-ceiling'
import { ceilingFrom, countParallelVerifies, percentile, timeVerifies } from './argon2-ceiling'
import type { LoadSlice, LoadTarget } from './login-load'
import { answers, loadTarget } from './login-load'

/**
 * How the login benches take their turns.
 * why: the ceiling and the load alternate in short rounds instead of one long block each.
 * The noise on these machines comes and goes within seconds (a neighbour's build, a test
 * run), and a ceiling measured before the load says little about the CPU during it.
 */
export const ROUND_PLAN = {
  rounds: 5,
  verifiesPerRound: 8,
  parallelVerifySecondsPerRound: 0.6,
  loadSecondsPerRound: 2,
  // why: 8 keeps both cores busy with argon2 and stays under the backend's bound of 10 log-ins
  // in flight per address (every bench connection comes from this one address), which would
  // otherwise answer the rest 429 at once and count them as errors.
  connections: 8,
} as const

type Round<Name extends string> = {
  verifyTimesMs: number[]
  parallel: { verifies: number; seconds: number }
  loads: Record<Name, LoadSlice>
}

/**
 * Runs every round against servers that are already up and warm: the verifies, then each
 * target in turn. `drain` is sent after each load before anything else is timed.
 */
export async function runRounds<Name extends string>(
  targets: Record<Name, LoadTarget>,
  drain: LoadTarget,
  passwordHash: string,
  cores: number,
): Promise<Round<Name>[]> {
  const plan = ROUND_PLAN
  const rounds: Round<Name>[] = []
  for (let i = 0; i < plan.rounds; i++) {
    const verifyTimesMs = await timeVerifies(passwordHash, plan.verifiesPerRound, 1)
    const parallel = await countParallelVerifies(
      passwordHash,
      cores,
      plan.parallelVerifySecondsPerRound,
    )
    const loads = {} as Record<Name, LoadSlice>
    for (const name of Object.keys(targets) as Name[]) {
      loads[name] = await loadTarget(targets[name], plan.connections, plan.loadSecondsPerRound)
      // why: log-ins still queued in the server when the slice ends would run during the next
      // measurement and slow it down; this one waits behind all of them.
      if (!(await answers(drain))) throw new Error('the server stopped logging in')
    }
    rounds.push({ verifyTimesMs, parallel, loads })
  }
  return rounds
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
const okRate = (slices: LoadSlice[]) =>
  sum(slices.map((s) => s.ok)) / sum(slices.map((s) => s.seconds))

/** Pools one target's slices into the figures a bench reports and judges. */
export function summariseSlices(slices: LoadSlice[], ceiling: Argon2Ceiling) {
  const latenciesMs = slices.flatMap((slice) => slice.latenciesMs)
  return {
    loadSeconds: sum(slices.map((s) => s.seconds)),
    logins: sum(slices.map((s) => s.ok)),
    loginsPerSecond: okRate(slices),
    latencyMs: { p50: percentile(latenciesMs, 0.5), p99: percentile(latenciesMs, 0.99) },
    errors: {
      non2xx: sum(slices.map((s) => s.non2xx)),
      socket: sum(slices.map((s) => s.socketErrors)),
      timeouts: sum(slices.map((s) => s.timeouts)),
    },
    ratio: okRate(slices) / ceiling.loginsPerSecond,
  }
}

/** Pools the rounds: the ceiling over all of them, and each target's figures against it. */
export function summariseRounds<Name extends string>(rounds: Round<Name>[]) {
  const ceiling = ceilingFrom(rounds.flatMap((round) => round.verifyTimesMs))
  const names = Object.keys(rounds[0]?.loads ?? {}) as Name[]
  const targets = Object.fromEntries(
    names.map((name) => [
      name,
      {
        ...summariseSlices(
          rounds.map((round) => round.loads[name]),
          ceiling,
        ),
        roundRatios: rounds.map(
          (round) => okRate([round.loads[name]]) / ceilingFrom(round.verifyTimesMs).loginsPerSecond,
        ),
      },
    ]),
  ) as Record<Name, TargetSummary>
  return {
    ceiling,
    parallelVerifiesPerSecond:
      sum(rounds.map((r) => r.parallel.verifies)) / sum(rounds.map((r) => r.parallel.seconds)),
    targets,
  }
}

export type TargetSummary = ReturnType<typeof summariseSlices> & { roundRatios: number[] }
export type RoundsSummary<Name extends string> = ReturnType<typeof summariseRounds<Name>>
