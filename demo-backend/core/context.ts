import { randomUUID } from 'node:crypto'

import type { Kysely } from 'kysely'

import type { DatabaseSchema } from '../db/schema'
import type { PublicUser, SessionTokens } from '../contract'
import type { InFlightLimits } from './in-flight'
import type { PasswordHasher } from './passwords'
import type { RateLimits } from './rate-limits'
import type { AccessTokens } from './tokens'
import { hashRefreshToken, newRefreshToken } from './tokens'

/** Everything the backend's operations share, built once by `createBackend`. */
export type BackendContext = {
  db: Kysely<DatabaseSchema>
  passwords: PasswordHasher
  accessTokens: AccessTokens
  limits: RateLimits
  inFlight: InFlightLimits
  /** The token a refresh token is rotated into (see `createSuccessorDerivation`). */
  successorOf: (refreshToken: string) => string
  refreshTokenLifetimeMs: number
  signupAccountLifetimeMs: number
  now: () => number
}

/** The only shape in which a user leaves the backend: never with its password hash. */
export function toPublicUser(user: PublicUser): PublicUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role }
}

/** A fresh access token for `user`, answered together with a refresh token that exists. */
export async function answerSession(
  context: BackendContext,
  user: PublicUser,
  refreshToken: string,
): Promise<SessionTokens> {
  const access = await context.accessTokens.issue(user.id, context.now())
  return { user, accessToken: access.token, accessTokenExpires: access.expiresAt, refreshToken }
}

/**
 * Stores `refreshToken` (a random one for a log-in) in `familyId` (a new family for a log-in)
 * and answers it with a fresh access token.
 */
export async function issueSessionTokens(
  context: BackendContext,
  user: PublicUser,
  familyId: string,
  refreshToken = newRefreshToken(),
): Promise<SessionTokens> {
  const now = context.now()
  await context.db
    .insertInto('refresh_tokens')
    .values({
      id: randomUUID(),
      family_id: familyId,
      user_id: user.id,
      token_hash: hashRefreshToken(refreshToken),
      created_at: now,
      expires_at: now + context.refreshTokenLifetimeMs,
      used_at: null,
      revoked_at: null,
    })
    .execute()
  return answerSession(context, user, refreshToken)
}

/** A user who exists and whose demo account has not expired. */
export function findActiveUser(context: BackendContext, column: 'id' | 'email', value: string) {
  return context.db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'password_hash'])
    .where(column, '=', value)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', context.now())]))
    .executeTakeFirst()
}
