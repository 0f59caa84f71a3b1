import { availableParallelism } from 'node:os'
import { performance } from 'node:perf_hooks'

import { hash, verify } from '@node-rs/argon2'

import { ARGON2ID_PARAMETERS } from '../../demo-backend/core/passwords'

const PASSWORD = 'benchmark password'

/** The value below which `fraction` (0–1) of a non-empty list lies, nearest-rank. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) throw new Error('percentile() needs at least one value')
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))
  return sorted[rank]!
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median() needs at least one value')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** A hash made with the backend's own parameters, for the argon2 measurements. */
export function hashBenchPassword(): Promise<string> {
  return hash(PASSWORD, ARGON2ID_PARAMETERS)
}

/**
 * Times `count` sequential argon2id verifications after `warmUp` untimed ones. Returns each
 * verification's time in milliseconds.
 * why: sequential on purpose. One verify at a time is the cost of one log-in; how many run
 * at once is the `cores` factor of the ceiling, not something to measure here.
 */
export async function timeVerifies(
  passwordHash: string,
  count: number,
  warmUp: number,
): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await verify(passwordHash, PASSWORD)
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    const matches = await verify(passwordHash, PASSWORD)
    times.push(performance.now() - start)
    if (!matches) throw new Error('argon2 verify rejected its own hash')
  }
  return times
}

/**
 * How many verifications finish with `concurrency` always in flight for `seconds`.
 * why: a diagnostic beside the ceiling. When a busy neighbour or shared memory bandwidth
 * keeps the cores from scaling, argon2 alone falls short of cores ÷ verify time too, and
 * the table shows that the shortfall is the machine's, not the backend's.
 */
export async function countParallelVerifies(
  passwordHash: string,
  concurrency: number,
  seconds: number,
): Promise<{ verifies: number; seconds: number }> {
  const start = performance.now()
  const deadline = start + seconds * 1000
  let verifies = 0
  const worker = async () => {
    while (performance.now() < deadline) {
      await verify(passwordHash, PASSWORD)
      verifies++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { verifies, seconds: (performance.now() - start) / 1000 }
}

export type Argon2Ceiling = {
  cores: number
  samples: number
  verifyMedianMs: number
  /** Log-ins per second if every core did nothing but verify passwords. */
  loginsPerSecond: number
}

/** The raw argon2 ceiling: cores ÷ median verify time. */
export function ceilingFrom(verifyTimesMs: readonly number[]): Argon2Ceiling {
  const cores = availableParallelism()
  const verifyMedianMs = median(verifyTimesMs)
  return {
    cores,
    samples: verifyTimesMs.length,
    verifyMedianMs,
    loginsPerSecond: cores / (verifyMedianMs / 1000),
  }
}
