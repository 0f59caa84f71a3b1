import type { RateLimiterAbstract } from 'rate-limiter-flexible'
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible'

import { RATE_LIMIT_TABLE } from '../db/migrations'
import type { LimiterStore } from '../db/connect'

type Limit = { points: number; seconds: number }

/** How many attempts each limiter allows, and over how many seconds. */
export type RateLimitSettings = {
  /** Wrong passwords in a row for one email from one address; a success resets it. */
  loginFailuresPerEmailAndIp: Limit
  /** Wrong passwords from one address, whatever the email: password spraying. */
  loginFailuresPerIp: Limit
  /**
   * Wrong passwords for one account from anywhere: guessing spread over many addresses. A
   * short window, so that it slows such an attack without locking the owner out for long.
   */
  loginFailuresPerAccount: Limit
  /** Account creations from one address. */
  signupsPerIp: Limit
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  loginFailuresPerEmailAndIp: { points: 10, seconds: 15 * 60 },
  loginFailuresPerIp: { points: 100, seconds: 24 * 60 * 60 },
  // why: twice the per-address allowance, so that one address alone never slows the owner;
  // past it, every address waits for the minute to end: ~20 guesses a minute at most.
  loginFailuresPerAccount: { points: 20, seconds: 60 },
  signupsPerIp: { points: 10, seconds: 60 * 60 },
}

/**
 * One log-in attempt as the limits see it. `address` is already grouped (see `addressGroup`).
 * `accountWide` false leaves the attempt out of the per-account limit.
 */
export type LoginAttempt = { email: string; address: string; accountWide: boolean }

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

/** One limiter and the key an attempt counts under in it. */
type Count = { limiter: RateLimiterAbstract; points: number; key: string }

/** The backend's abuse limits, with their counters in the shared database. */
export function createRateLimits(store: LimiterStore, settings: RateLimitSettings): RateLimits {
  const perEmailAndIp = createLimiter(store, 'login_email_ip', settings.loginFailuresPerEmailAndIp)
  const perIp = createLimiter(store, 'login_ip', settings.loginFailuresPerIp)
  const perAccount = createLimiter(store, 'login_account', settings.loginFailuresPerAccount)
  const signups = createLimiter(store, 'signup_ip', settings.signupsPerIp)

  const countsOf = ({ email, address, accountWide }: LoginAttempt): Count[] => [
    {
      limiter: perEmailAndIp,
      points: settings.loginFailuresPerEmailAndIp.points,
      key: `${address}|${email}`,
    },
    { limiter: perIp, points: settings.loginFailuresPerIp.points, key: address },
    ...(accountWide
      ? [{ limiter: perAccount, points: settings.loginFailuresPerAccount.points, key: email }]
      : []),
  ]

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

      const counts = countsOf(attempt)
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
      const [emailAndIp, ...others] = countsOf(attempt)
      await Promise.all([
        emailAndIp && store.run(() => emailAndIp.limiter.delete(emailAndIp.key)),
        ...others.map(giveBack),
      ])
    },

    async consumeSignup(address) {
      const res = await take({
        limiter: signups,
        points: settings.signupsPerIp.points,
        key: address,
      })
      return 'refused' in res ? secondsUntil(res.refused) : null
    },
  }
}
