import type { LoginRequest, PublicUser, SessionTokens, SignupRequest } from '../contract'
import { connectDatabase } from '../db/connect'
import { migrateToLatest } from '../db/migrations'
import type { DemoAccount } from '../demo-account'
import { DEMO_ACCOUNTS } from '../demo-account'
import type { Result } from '../errors'
import { fail } from '../errors'
import type { ClientInfo } from './accounts'
import { login, signup } from './accounts'
import type { BackendContext } from './context'
import type { InFlightSettings } from './in-flight'
import { createInFlightLimits, DEFAULT_IN_FLIGHT } from './in-flight'
import type { PasswordHasher } from './passwords'
import { createPasswordHasher } from './passwords'
import type { RateLimitSettings } from './rate-limits'
import { createRateLimits, DEFAULT_RATE_LIMITS } from './rate-limits'
import { refresh } from './refresh'
import { logout, me, purgeExpired } from './sessions'
import { createAccessTokens, createSuccessorDerivation } from './tokens'

/** Seconds a client should wait before retrying when the database does not answer. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5

const PURGE_INTERVAL_MS = 10 * 60 * 1000

export type BackendOptions = {
  databaseUrl: string
  jwtSecret: string
  accessTokenLifetimeSeconds: number
  signupAccountLifetimeHours: number
  refreshTokenLifetimeHours?: number
  rateLimits?: RateLimitSettings
  maxConcurrentHashes?: number
  /** Bounds on the log-ins and sign-ups under way at once (see `createInFlightLimits`). */
  inFlight?: InFlightSettings
  /** The password hasher, replaceable so tests can count the hashes a request costs. */
  passwords?: PasswordHasher
  /** The clock, replaceable so tests can expire tokens without waiting. */
  now?: () => number
}

export type Backend = {
  signup(input: SignupRequest, client: ClientInfo): Promise<Result<SessionTokens>>
  login(input: LoginRequest, client: ClientInfo): Promise<Result<SessionTokens>>
  refresh(refreshToken: string): Promise<Result<SessionTokens>>
  me(accessToken: string): Promise<Result<{ user: PublicUser }>>
  logout(refreshToken: string): Promise<Result<null>>
  purgeExpiredAccounts(): Promise<Result<number>>
  close(): Promise<void>
}

/**
 * Runs an operation and turns any error it did not expect (the database is down, locked, or
 * answered something odd) into `unavailable`. The error is logged as one line, by name and
 * code only: driver messages can carry SQL and values, so they stay out of responses.
 */
async function guarded<T>(operation: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await operation()
  } catch (error) {
    const { name, code } = (error ?? {}) as { name?: string; code?: string }
    console.error(`[backend] unavailable: ${name ?? 'Error'}${code ? ` (${code})` : ''}`)
    return fail('unavailable', UNAVAILABLE_RETRY_AFTER_SECONDS)
  }
}

/**
 * Creates a demo account unless it exists. A signed-up account squatting its email (one made
 * before this demo account was added) is deleted first, with its refresh tokens: otherwise the
 * published password would not work, and the squatter would keep a session on the account.
 */
async function seedDemoAccount(context: BackendContext, account: DemoAccount): Promise<void> {
  await context.db
    .deleteFrom('users')
    .where('email', '=', account.email)
    .where('expires_at', 'is not', null)
    .execute()
  const exists = await context.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', account.email)
    .executeTakeFirst()
  if (exists) return
  await context.db
    .insertInto('users')
    .values({
      id: crypto.randomUUID(),
      email: account.email,
      name: account.name,
      role: account.role,
      password_hash: await context.passwords.hash(account.password),
      created_at: context.now(),
      expires_at: null,
    })
    // why: several instances may seed at the same moment; the first one wins.
    .onConflict((conflict) => conflict.column('email').doNothing())
    .execute()
}

/**
 * Opens the database, migrates it, seeds the demo accounts and returns the backend's
 * operations. Throws when the database cannot be reached at all; callers retry later.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const handle = connectDatabase(options.databaseUrl)
  const context: BackendContext = {
    db: handle.db,
    passwords: options.passwords ?? createPasswordHasher(options.maxConcurrentHashes),
    accessTokens: createAccessTokens(options.jwtSecret, options.accessTokenLifetimeSeconds),
    successorOf: createSuccessorDerivation(options.jwtSecret),
    limits: createRateLimits(handle.limiterStore, options.rateLimits ?? DEFAULT_RATE_LIMITS),
    inFlight: createInFlightLimits(options.inFlight ?? DEFAULT_IN_FLIGHT),
    refreshTokenLifetimeMs: (options.refreshTokenLifetimeHours ?? 24) * 3_600_000,
    signupAccountLifetimeMs: options.signupAccountLifetimeHours * 3_600_000,
    now: options.now ?? Date.now,
  }
  try {
    await migrateToLatest(handle.db)
    for (const account of DEMO_ACCOUNTS) await seedDemoAccount(context, account)
  } catch (error) {
    await handle.close()
    throw error
  }

  const purge = () =>
    guarded(async () => ({ ok: true as const, value: await purgeExpired(context) }))
  const purgeTimer = setInterval(() => void purge(), PURGE_INTERVAL_MS)
  // why: the timer must not keep a test run or a CLI alive on its own.
  purgeTimer.unref()

  return {
    signup: (input, client) => guarded(() => signup(context, input, client)),
    login: (input, client) => guarded(() => login(context, input, client)),
    refresh: (token) => guarded(() => refresh(context, token)),
    me: (token) => guarded(() => me(context, token)),
    logout: (token) => guarded(() => logout(context, token)),
    purgeExpiredAccounts: purge,
    async close() {
      clearInterval(purgeTimer)
      await handle.close()
    },
  }
}
