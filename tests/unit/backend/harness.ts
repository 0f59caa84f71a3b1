import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'

import { loginRequestSchema, signupRequestSchema } from '@/demo-backend/contract'
import type { Backend, BackendOptions } from '@/demo-backend/core/create-backend'
import { createBackend } from '@/demo-backend/core/create-backend'
import type { PasswordHasher } from '@/demo-backend/core/passwords'
import { createPasswordHasher } from '@/demo-backend/core/passwords'
import type { RateLimitSettings } from '@/demo-backend/core/rate-limits'
import { connectDatabase } from '@/demo-backend/db/connect'
import { RATE_LIMIT_TABLE } from '@/demo-backend/db/migrations'
import type { ErrorCode, Failure, Result } from '@/demo-backend/errors'
import type { DatabaseKind, TestDatabase } from '@/tests/support/test-databases'
import { createTestDatabase } from '@/tests/support/test-databases'

export const PASSWORD = 'a long and unusual passphrase'
export const WRONG_PASSWORD = 'not the right passphrase'
export const ACCESS_TOKEN_LIFETIME_SECONDS = 900
export const JWT_SECRET = 'test-signing-key-that-is-long-enough-0123456789'

/** Limits no test reaches by accident; tests lower the one they are about. */
export const GENEROUS_RATE_LIMITS: RateLimitSettings = {
  loginFailuresPerEmailAndIp: { points: 1_000, seconds: 900 },
  loginFailuresPerIp: { points: 1_000, seconds: 3_600 },
  loginFailuresPerAccount: { points: 1_000, seconds: 60 },
  demoLoginFailuresPerIp: { points: 1_000, seconds: 60 },
  signupsPerIp: { points: 1_000, seconds: 3_600 },
}

/**
 * Gives the calling `describe` its own database of `kind`, and its tests a way to start
 * backends on it. After each test it closes those backends and empties the tables, so every
 * test starts from a database that holds only what `createBackend` seeds.
 */
export function useBackendHarness(kind: DatabaseKind) {
  let database: TestDatabase | undefined
  const started: Backend[] = []

  beforeAll(async () => {
    database = await createTestDatabase(kind)
  })
  afterEach(async () => {
    await Promise.all(started.splice(0).map((backend) => backend.close()))
    if (database) await emptyTables(database.url)
  })
  afterAll(async () => {
    await database?.drop()
    database = undefined
  })

  const databaseUrl = () => {
    if (!database) throw new Error('The test database exists only while its describe block runs.')
    return database.url
  }

  return {
    databaseUrl,
    async start(options: Partial<BackendOptions> = {}): Promise<Backend> {
      const backend = await createBackend({
        databaseUrl: databaseUrl(),
        jwtSecret: JWT_SECRET,
        accessTokenLifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS,
        signupAccountLifetimeHours: 24,
        ...options,
      })
      started.push(backend)
      return backend
    },
  }
}

/** Parses a sign-up body the way the HTTP adapter does, normalisation included. */
export const signupInput = (body: { email: string; password?: string; name?: string }) =>
  signupRequestSchema.parse({ password: PASSWORD, ...body })

/** Parses a log-in body the way the HTTP adapter does, normalisation included. */
export const loginInput = (body: { email: string; password?: string }) =>
  loginRequestSchema.parse({ password: PASSWORD, ...body })

/** The value of a successful result; fails the test, showing the result, otherwise. */
export function expectSuccess<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`Expected success, got ${JSON.stringify(result)}`)
  return result.value
}

/**
 * Asserts a failure with `code` and nothing but the contract's fields, so that no driver
 * message or stack can ride along: `retryAfterSeconds` for the codes that have one, and the
 * `field` at fault for `invalid_input` when the test names one.
 */
export function expectFailure(
  result: Result<unknown>,
  code: ErrorCode,
  field?: Failure['field'],
): Failure {
  const retry = code === 'rate_limited' || code === 'unavailable'
  expect(result).toStrictEqual({
    ok: false,
    code,
    ...(retry ? { retryAfterSeconds: expect.any(Number) } : {}),
    ...(field === undefined ? {} : { field }),
  })
  return result as Failure
}

/** The real argon2id hasher, wrapped to count every hash and verification it performs. */
export function createCountingHasher(): { hasher: PasswordHasher; count: () => number } {
  const real = createPasswordHasher()
  let count = 0
  return {
    count: () => count,
    hasher: {
      hash(password) {
        count += 1
        return real.hash(password)
      },
      verify(passwordHash, password) {
        count += 1
        return real.verify(passwordHash, password)
      },
      verifyNothing(password) {
        count += 1
        return real.verifyNothing(password)
      },
    },
  }
}

/** The rows of `users` with this email, read directly as an operator would. */
export async function countUsers(databaseUrl: string, email?: string): Promise<number> {
  const handle = connectDatabase(databaseUrl)
  try {
    let query = handle.db.selectFrom('users').select('id')
    if (email !== undefined) query = query.where('email', '=', email)
    return (await query.execute()).length
  } finally {
    await handle.close()
  }
}

/** Deletes the user with this email (and, by the foreign key, its refresh tokens). */
export async function deleteUser(databaseUrl: string, email: string): Promise<void> {
  const handle = connectDatabase(databaseUrl)
  try {
    await handle.db.deleteFrom('users').where('email', '=', email).execute()
  } finally {
    await handle.close()
  }
}

/** Deletes every row the backend wrote, keeping the schema (migrating again is slow). */
async function emptyTables(databaseUrl: string): Promise<void> {
  const handle = connectDatabase(databaseUrl)
  try {
    const existing = new Set((await handle.db.introspection.getTables()).map((table) => table.name))
    // why: children before parents, for the foreign key from refresh_tokens to users.
    for (const table of [RATE_LIMIT_TABLE, 'refresh_tokens', 'users'] as const) {
      if (existing.has(table)) await sql`delete from ${sql.table(table)}`.execute(handle.db)
    }
  } finally {
    await handle.close()
  }
}
