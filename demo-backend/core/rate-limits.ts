import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible'
import { RateLimiterPostgres, RateLimiterSQLite } from 'rate-limiter-flexible'

import { RATE_LIMIT_TABLE } from '../db/migrations'
import type { LimiterStore } from '../db/connect'

/** How many attempts each limiter allows, and over how many seconds. */
export type RateLimitSettings = {
  /** Wrong passwords in a row for one email from one IP; a success resets it. */
  loginFailuresPerEmailAndIp: { points: number; seconds: number }
  /** Wrong passwords from one IP, whatever the email: password spraying. */
  loginFailuresPerIp: { points: number; seconds: number }
  /** Account creations from one IP. */
  signupsPerIp: { points: number; seconds: number }
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  loginFailuresPerEmailAndIp: { points: 10, seconds: 15 * 60 },
  loginFailuresPerIp: { points: 100, seconds: 24 * 60 * 60 },
  signupsPerIp: { points: 10, seconds: 60 * 60 },
}

/** Seconds until a blocked key may try again; null when it is not blocked. */
type BlockCheck = (key: string) => Promise<number | null>

export type RateLimits = {
  /** Checked before any hashing, so a blocked attacker costs us one database read. */
  loginBlockedFor(email: string, ip: string): Promise<number | null>
  recordLoginFailure(email: string, ip: string): Promise<void>
  recordLoginSuccess(email: string, ip: string): Promise<void>
  /** Counts the attempt; returns the seconds to wait when it is over the limit. */
  consumeSignup(ip: string): Promise<number | null>
}

function createLimiter(
  store: LimiterStore,
  keyPrefix: string,
  limit: { points: number; seconds: number },
) {
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

function blockCheck(limiter: RateLimiterAbstract, points: number): BlockCheck {
  return async (key) => {
    const res = await limiter.get(key)
    return res && res.consumedPoints >= points ? secondsUntil(res) : null
  }
}

/** The backend's abuse limits, with their counters in the shared database. */
export function createRateLimits(store: LimiterStore, settings: RateLimitSettings): RateLimits {
  const perEmailAndIp = createLimiter(store, 'login_email_ip', settings.loginFailuresPerEmailAndIp)
  const perIp = createLimiter(store, 'login_ip', settings.loginFailuresPerIp)
  const signups = createLimiter(store, 'signup_ip', settings.signupsPerIp)
  const emailAndIpBlocked = blockCheck(perEmailAndIp, settings.loginFailuresPerEmailAndIp.points)
  const ipBlocked = blockCheck(perIp, settings.loginFailuresPerIp.points)
  const emailAndIp = (email: string, ip: string) => `${ip}|${email}`

  return {
    async loginBlockedFor(email, ip) {
      const [byEmail, byIp] = await Promise.all([
        emailAndIpBlocked(emailAndIp(email, ip)),
        ipBlocked(ip),
      ])
      if (byEmail === null && byIp === null) return null
      return Math.max(byEmail ?? 0, byIp ?? 0)
    },
    async recordLoginFailure(email, ip) {
      await Promise.all([perEmailAndIp.penalty(emailAndIp(email, ip)), perIp.penalty(ip)])
    },
    async recordLoginSuccess(email, ip) {
      await perEmailAndIp.delete(emailAndIp(email, ip))
    },
    async consumeSignup(ip) {
      try {
        await signups.consume(ip)
        return null
      } catch (rejection) {
        // why: consume rejects with a result when over the limit, with an Error when the
        // store failed; only the first is a verdict.
        if (rejection instanceof Error) throw rejection
        return secondsUntil(rejection as RateLimiterRes)
      }
    },
  }
}
