import type { PublicUser, SessionTokens } from '../contract'
import type { Result } from '../errors'
import { fail, succeed } from '../errors'
import type { BackendContext } from './context'
import { findActiveUser, issueSessionTokens, toPublicUser } from './context'
import { hashRefreshToken } from './tokens'

async function revokeFamily(context: BackendContext, familyId: string): Promise<void> {
  await context.db
    .updateTable('refresh_tokens')
    .set({ revoked_at: context.now() })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute()
}

/**
 * Exchanges a refresh token for a new pair (rotation). A token that was already exchanged is
 * proof that someone else holds a copy, so its whole family is revoked and both the thief and
 * the owner must log in again.
 */
export async function refresh(
  context: BackendContext,
  refreshToken: string,
): Promise<Result<SessionTokens>> {
  const now = context.now()
  const stored = await context.db
    .selectFrom('refresh_tokens')
    .selectAll()
    .where('token_hash', '=', hashRefreshToken(refreshToken))
    .executeTakeFirst()
  if (!stored || stored.revoked_at !== null) return fail('invalid_token')
  if (stored.used_at !== null) {
    await revokeFamily(context, stored.family_id)
    return fail('invalid_token')
  }
  if (stored.expires_at <= now) return fail('invalid_token')

  const user = await findActiveUser(context, 'id', stored.user_id)
  if (!user) return fail('invalid_token')

  // why: the `used_at is null` condition makes the exchange atomic: of two requests racing
  // with one token, exactly one updates the row; the other is treated as a reuse. The claim
  // and the new token commit together, so the loser's revocation always covers the new token.
  const issued = await context.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('refresh_tokens')
      .set({ used_at: now })
      .where('id', '=', stored.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (claimed.numUpdatedRows === 0n) return null
    return issueSessionTokens({ ...context, db: trx }, toPublicUser(user), stored.family_id)
  })
  if (!issued) {
    await revokeFamily(context, stored.family_id)
    return fail('invalid_token')
  }
  return succeed(issued)
}

/** The user an access token belongs to. */
export async function me(
  context: BackendContext,
  accessToken: string,
): Promise<Result<{ user: PublicUser }>> {
  const userId = await context.accessTokens.verify(accessToken, context.now())
  const user = userId ? await findActiveUser(context, 'id', userId) : undefined
  return user ? succeed({ user: toPublicUser(user) }) : fail('invalid_token')
}

/** Ends the session a refresh token belongs to. Unknown tokens are ignored: logout is idempotent. */
export async function logout(context: BackendContext, refreshToken: string): Promise<Result<null>> {
  const stored = await context.db
    .selectFrom('refresh_tokens')
    .select('family_id')
    .where('token_hash', '=', hashRefreshToken(refreshToken))
    .executeTakeFirst()
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
