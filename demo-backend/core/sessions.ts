import type { PublicUser } from '../contract'
import type { Result } from '../errors'
import { fail, succeed } from '../errors'
import type { BackendContext } from './context'
import { findActiveUser, toPublicUser } from './context'
import { findRefreshToken, revokeFamily } from './refresh'

/** The user an access token belongs to. */
export async function me(
  context: BackendContext,
  accessToken: string,
): Promise<Result<{ user: PublicUser }>> {
  const userId = await context.accessTokens.verify(accessToken, context.now())
  const user = userId ? await findActiveUser(context, 'id', userId) : undefined
  return user ? succeed({ user: toPublicUser(user) }) : fail('invalid_token')
}

/**
 * Ends the session a refresh token belongs to: every token of its family, successors included.
 * Unknown tokens are ignored: logout is idempotent.
 */
export async function logout(context: BackendContext, refreshToken: string): Promise<Result<null>> {
  const stored = await findRefreshToken(context, refreshToken)
  if (stored) await revokeFamily(context, stored.family_id)
  return succeed(null)
}

/** Deletes expired demo accounts (their refresh tokens go with them) and dead tokens. */
export async function purgeExpired(context: BackendContext): Promise<number> {
  const now = context.now()
  const result = await context.db
    .deleteFrom('users')
    .where('expires_at', '<=', now)
    .executeTakeFirst()
  await context.db.deleteFrom('refresh_tokens').where('expires_at', '<=', now).execute()
  return Number(result.numDeletedRows)
}
