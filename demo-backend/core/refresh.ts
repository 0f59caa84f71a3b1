import type { PublicUser, SessionTokens } from '../contract'
import type { RefreshTokensTable } from '../db/schema'
import type { Result } from '../errors'
import { fail, succeed } from '../errors'
import type { BackendContext } from './context'
import { answerSession, findActiveUser, issueSessionTokens, toPublicUser } from './context'
import { hashRefreshToken } from './tokens'

/**
 * How long after a refresh token was exchanged the same token may be presented again and get
 * the same new refresh token back. Long enough for two tabs that refresh at the same moment
 * and for a client that retries after losing the answer; short enough that a thief who
 * copied the token later is still caught as a reuse.
 */
export const REFRESH_GRACE_MS = 10_000

/** Revokes every refresh token of one log-in: the one presented, its ancestors, its successors. */
export async function revokeFamily(context: BackendContext, familyId: string): Promise<void> {
  await context.db
    .updateTable('refresh_tokens')
    .set({ revoked_at: context.now() })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute()
}

export function findRefreshToken(
  context: BackendContext,
  token: string,
): Promise<RefreshTokensTable | undefined> {
  return context.db
    .selectFrom('refresh_tokens')
    .selectAll()
    .where('token_hash', '=', hashRefreshToken(token))
    .executeTakeFirst()
}

/**
 * Exchanges an unused token for its successor. Returns null when another request claimed the
 * token first.
 */
async function rotate(
  context: BackendContext,
  stored: RefreshTokensTable,
  presented: string,
  user: PublicUser,
): Promise<SessionTokens | null> {
  // why: the `used_at is null` condition makes the claim atomic: of N requests racing with one
  // token, exactly one updates the row. The claim and the successor commit together, so a
  // request that lost the claim always finds the successor it can be answered with.
  return context.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('refresh_tokens')
      .set({ used_at: context.now() })
      .where('id', '=', stored.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (claimed.numUpdatedRows === 0n) return null
    const successor = context.successorOf(presented)
    return issueSessionTokens({ ...context, db: trx }, user, stored.family_id, successor)
  })
}

/**
 * The successor of a token exchanged less than `REFRESH_GRACE_MS` ago, as long as no one has
 * used or revoked that successor yet; null otherwise. Reads the presented token's row again:
 * a request that lost the claim saw it before the winner wrote `used_at`.
 */
async function repeatRotation(
  context: BackendContext,
  presented: string,
  user: PublicUser,
): Promise<SessionTokens | null> {
  const now = context.now()
  const stored = await findRefreshToken(context, presented)
  if (!stored || stored.revoked_at !== null || stored.used_at === null) return null
  if (now - stored.used_at >= REFRESH_GRACE_MS) return null

  const successorToken = context.successorOf(presented)
  const successor = await findRefreshToken(context, successorToken)
  const stillFresh =
    successor !== undefined &&
    successor.family_id === stored.family_id &&
    successor.used_at === null &&
    successor.revoked_at === null &&
    successor.expires_at > now
  return stillFresh ? answerSession(context, user, successorToken) : null
}

/**
 * Exchanges a refresh token for a new pair (rotation). The same token presented again within
 * `REFRESH_GRACE_MS` gets the same new refresh token: two tabs refreshing together, or a
 * client retrying an answer it lost, stay signed in. Presented later, or after its successor
 * was used, it is proof that someone else holds a copy: its whole family is revoked, and both
 * the thief and the owner must log in again.
 */
export async function refresh(
  context: BackendContext,
  refreshToken: string,
): Promise<Result<SessionTokens>> {
  const stored = await findRefreshToken(context, refreshToken)
  if (!stored || stored.revoked_at !== null) return fail('invalid_token')
  const found = await findActiveUser(context, 'id', stored.user_id)
  if (!found) return fail('invalid_token')
  const user = toPublicUser(found)

  if (stored.used_at === null) {
    if (stored.expires_at <= context.now()) return fail('invalid_token')
    const rotated = await rotate(context, stored, refreshToken, user)
    if (rotated) return succeed(rotated)
  }
  const repeated = await repeatRotation(context, refreshToken, user)
  if (repeated) return succeed(repeated)

  await revokeFamily(context, stored.family_id)
  return fail('invalid_token')
}
