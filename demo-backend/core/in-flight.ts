import { availableParallelism } from 'node:os'

import type { Result } from '../errors'
import { fail } from '../errors'

/** How many password checks may be under way at once: per client address, and in all. */
export type InFlightSettings = { perAddress: number; total: number }

/**
 * why: a reader signs in once at a time; ten leaves room for a class behind one NAT signing in
 * together, and keeps a single address to a small share of the queue. The total is what the
 * cores get through in about a second (a hash takes 10–50 ms here), so a request that is let
 * in never waits much longer than that.
 */
export const DEFAULT_IN_FLIGHT: InFlightSettings = {
  perAddress: 10,
  total: 32 * availableParallelism(),
}

/** Seconds a client refused by these bounds should wait: the queue moves within one. */
export const IN_FLIGHT_RETRY_AFTER_SECONDS = 1

export type InFlightLimits = {
  /**
   * Runs `attempt` for `address` (already grouped, see `addressGroup`) if both bounds allow
   * it. Otherwise it answers at once, without running it: `rate_limited` when this address has
   * its share in flight, `unavailable` when the whole queue is full.
   */
  run<T>(address: string, attempt: () => Promise<Result<T>>): Promise<Result<T>>
}

/**
 * Bounds on the log-ins and sign-ups under way in this process. Every one of them hashes a
 * password, which takes a libuv thread and 19 MiB for 10–50 ms, and waits for a free core in
 * the hasher's queue. Without bounds, one address sending 400 log-ins at once puts a reader
 * elsewhere behind all 400; with them, the 400 are answered at once and the reader waits for
 * at most the address's share.
 */
export function createInFlightLimits(settings: InFlightSettings): InFlightLimits {
  const byAddress = new Map<string, number>()
  let total = 0

  return {
    async run(address, attempt) {
      const mine = byAddress.get(address) ?? 0
      if (mine >= settings.perAddress) return fail('rate_limited', IN_FLIGHT_RETRY_AFTER_SECONDS)
      if (total >= settings.total) return fail('unavailable', IN_FLIGHT_RETRY_AFTER_SECONDS)
      byAddress.set(address, mine + 1)
      total += 1
      try {
        return await attempt()
      } finally {
        total -= 1
        const left = (byAddress.get(address) ?? 1) - 1
        if (left === 0) byAddress.delete(address)
        else byAddress.set(address, left)
      }
    },
  }
}
