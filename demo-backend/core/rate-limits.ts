import type { RateLimiterAbstract } from 'rate-limiter-flexible'
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible'

import { RATE_LIMIT_TABLE } from '../db/migrations'
import type { LimiterStore } from '../db/connect'
import type { Limit, RateLimitSettings } from '../rate-limit-settings'

export type { RateLimitSettings } from '../rate-limit-settings'
export { DEFAULT_RATE_LIMITS } from '../rate-limit-settings'

/**
 * One log-in attempt as the limits see it. `address` is already grouped (see `addressGroup`).
 * `demo` is true for a demo account: the attempt then counts only in `demoLoginFailuresPerIp`
 * (and is refused while the address is blocked for spraying, which it does not add to).
 */
export type LoginAttempt = { email: string; address: string; demo: boolean }

export type RateLimits = {
  /** Seconds until the attempt would be let through; null when it would be now. Reads only. */
  loginBlockedFor(attempt: LoginAttempt): Promise<number | null>
  /**
   * Counts a log-in attempt, before any hashing, as a failure in every limit that applies:
   * the count is atomic in the database, so of N attempts sent at once no more than the limit
   * get through. Returns the seconds to wait when a limit is reached; then the attempt counts
   * nowhere.
   */
  consumeLoginAttempt(attempt: LoginAttempt): Promise<number | null>
  /** The password was right: takes the attempt back, and the email's count starts over. */
  recordLoginSuccess(attempt: LoginAttempt): Promise<void>
  /** Counts a sign-up; returns the seconds to wait when it is over the limit. */
  consumeSignup(address: string): Promise<number | null>
}

function createLimiter(store: LimiterStore, keyPrefix: string, limit: Limit) {
  const options = {
    keyPrefix,
    points: limit.points,
    duration: limit.seconds,
    tableName: RATE_LIMIT_TABLE,
    // why: the table comes from our migrations, so every instance agrees on its shape.
    tableCreated: true,
    clearExpiredByTimeout: false,
  }
  return store.kind === 'sqlite'
    ? new RateLimiterSQLite({ ...options, storeClient: store.client, storeType: 'better-sqlite3' })
    : new RateLimiterPostgres({ ...options, storeClient: store.client })
}

const secondsUntil = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000))

/**
 * One limiter and the key an attempt counts under in it. `consumes` false only reads it;
 * `resetsOnSuccess` starts the count over after a right password, instead of refunding one.
 */
type Count = {
  limiter: RateLimiterAbstract
  points: number
  key: string
  consumes: boolean
  resetsOnSuccess: boolean
}

/** The backend's abuse limits, with their counters in the shared database. */
export function createRateLimits(store: LimiterStore, settings: RateLimitSettings): RateLimits {
  const perEmailAndIp = createLimiter(store, 'login_email_ip', settings.loginFailuresPerEmailAndIp)
  const perIp = createLimiter(store, 'login_ip', settings.loginFailuresPerIp)
  const perAccount = createLimiter(store, 'login_account', settings.loginFailuresPerAccount)
  const signups = createLimiter(store, 'signup_ip', settings.signupsPerIp)

  const demoPerIp = createLimiter(store, 'login_demo_ip', settings.demoLoginFailuresPerIp)

  const countsOf = ({ email, address, demo }: LoginAttempt): Count[] => {
    const count = (
      limiter: RateLimiterAbstract,
      limit: Limit,
      key: string,
      options: Partial<Pick<Count, 'consumes' | 'resetsOnSuccess'>> = {},
    ): Count => ({
      limiter,
      points: limit.points,
      key,
      consumes: true,
      resetsOnSuccess: false,
      ...options,
    })
    const perIpCount = count(perIp, settings.loginFailuresPerIp, address)
    if (demo) {
      return [
        count(demoPerIp, settings.demoLoginFailuresPerIp, address),
        { ...perIpCount, consumes: false },
      ]
    }
    return [
      count(perEmailAndIp, settings.loginFailuresPerEmailAndIp, `${address}|${email}`, {
        resetsOnSuccess: true,
      }),
      perIpCount,
      count(perAccount, settings.loginFailuresPerAccount, email),
    ]
  }

  /** Seconds until `count` lets another attempt through; null when it does now. Reads only. */
  const blockedFor = async ({ limiter, points, key }: Count) => {
    const res = await store.run(() => limiter.get(key))
    return res && res.consumedPoints >= points ? secondsUntil(res) : null
  }

  /** Takes a point: the result when it was within the limit, the refusal when it was not. */
  const take = ({ limiter, key }: Count) =>
    store.run(() =>
      limiter.consume(key).catch((rejection: unknown) => {
        // why: consume rejects with a result when over the limit, with an Error when the
        // store failed; only the first is a verdict.
        if (rejection instanceof RateLimiterRes) return { refused: rejection }
        throw rejection
      }),
    )

  const giveBack = ({ limiter, key }: Count) => store.run(() => limiter.reward(key, 1))

  const loginBlockedFor = async (attempt: LoginAttempt) => {
    const blocked = (await Promise.all(countsOf(attempt).map(blockedFor))).filter((s) => s !== null)
    return blocked.length > 0 ? Math.max(...blocked) : null
  }

  return {
    loginBlockedFor,

    async consumeLoginAttempt(attempt) {
      // why: a client that is already blocked costs reads only, however often it comes back.
      const blocked = await loginBlockedFor(attempt)
      if (blocked !== null) return blocked

      const counts = countsOf(attempt).filter((count) => count.consumes)
      const taken = await Promise.all(
        counts.map(async (count) => ({ count, res: await take(count) })),
      )
      const refusals = taken.flatMap(({ res }) => ('refused' in res ? [res.refused] : []))
      if (refusals.length === 0) return null
      // why: the attempt is not evaluated, so it must not count where it got through.
      const counted = taken.filter(({ res }) => !('refused' in res))
      await Promise.all(counted.map(({ count }) => giveBack(count)))
      return Math.max(...refusals.map(secondsUntil))
    },

    async recordLoginSuccess(attempt) {
      const counted = countsOf(attempt).filter((count) => count.consumes)
      await Promise.all(
        counted.map((count) =>
          count.resetsOnSuccess
            ? store.run(() => count.limiter.delete(count.key))
            : giveBack(count),
        ),
      )
    },

    async consumeSignup(address) {
      const res = await take({
        limiter: signups,
        points: settings.signupsPerIp.points,
        key: address,
        consumes: true,
        resetsOnSuccess: false,
      })
      return 'refused' in res ? secondsUntil(res.refused) : null
    },
  }
}
