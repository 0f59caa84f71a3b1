import { randomBytes } from 'node:crypto'
import { availableParallelism } from 'node:os'

import { hash, verify } from '@node-rs/argon2'
import pLimit from 'p-limit'

/**
 * argon2id with OWASP's first recommended parameter set: 19 MiB of memory, 2 iterations,
 * 1 lane. About 10 ms per hash on a quiet core here (20–55 ms when the machine is busy).
 * Stored hashes carry their parameters, so raising these later still verifies old passwords.
 */
export const ARGON2ID_PARAMETERS = {
  // why: @node-rs/argon2 exports Algorithm as a const enum, which isolatedModules cannot
  // inline; 2 is Algorithm.Argon2id.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const

export type PasswordHasher = {
  hash(password: string): Promise<string>
  /** Compares a password to a stored hash. */
  verify(passwordHash: string, password: string): Promise<boolean>
  /**
   * Does the work of `verify` against a hash that no password matches, and returns false.
   * why: an unknown email must cost the same time as a wrong password, or the response time
   * tells an attacker which emails have accounts.
   */
  verifyNothing(password: string): Promise<false>
}

/**
 * A hasher that runs at most `maxConcurrent` hashes at a time. Each hash takes 19 MiB and a
 * libuv thread; the rest wait here instead of exhausting memory or starving the threads that
 * file and DNS work need. This queue itself has no bound: log-ins and sign-ups reach it only
 * through `createInFlightLimits`, which bounds how many may wait, per address and in all.
 */
export function createPasswordHasher(maxConcurrent = availableParallelism()): PasswordHasher {
  const limit = pLimit(maxConcurrent)
  let decoyHash: Promise<string> | undefined

  const hashPassword = (password: string) => limit(() => hash(password, ARGON2ID_PARAMETERS))
  const verifyPassword = (passwordHash: string, password: string) =>
    limit(() => verify(passwordHash, password))

  return {
    hash: hashPassword,
    verify: verifyPassword,
    async verifyNothing(password) {
      decoyHash ??= hashPassword(randomBytes(32).toString('base64url'))
      await verifyPassword(await decoyHash, password)
      return false
    },
  }
}
