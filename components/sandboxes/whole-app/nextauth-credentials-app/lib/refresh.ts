import type { JWT } from 'next-auth/jwt'

import type { BackendClient } from './backend'
import { isTransient } from './backend'

// #region margin
/** Refresh a little early, so no request goes out with a token that dies on the way. */
export const REFRESH_MARGIN_MS = 5_000

/** True when the access token in `token` should be replaced before it is used. */
export function needsRefresh(token: JWT, now = Date.now()): boolean {
  return (
    token.accessTokenExpires !== undefined && now >= token.accessTokenExpires - REFRESH_MARGIN_MS
  )
}
// #endregion margin

// #region refresh
/**
 * Trades the refresh token for a new pair (the backend rotates it). Never throws: a thrown
 * error in `jwt` makes NextAuth log JWT_SESSION_ERROR and delete the cookie.
 *
 * - Success: the new tokens replace the old ones.
 * - A transient failure (timeout, 503, 429): the token is kept as it is, refresh token
 *   included, and the next session read tries again.
 * - A refusal (401 `invalid_token`: expired, revoked or reused): the session is over. The
 *   tokens are dropped and `error` tells every reader of the session so.
 */
export async function refreshAccessToken(token: JWT, backend: BackendClient): Promise<JWT> {
  if (!token.refreshToken) return endSession(token)
  const answer = await backend.refresh(token.refreshToken)
  if (answer.ok) {
    return {
      ...token,
      role: answer.value.user.role,
      accessToken: answer.value.accessToken,
      accessTokenExpires: answer.value.accessTokenExpires,
      refreshToken: answer.value.refreshToken,
    }
  }
  if (isTransient(answer.code)) return token
  return endSession(token)
}

function endSession(token: JWT): JWT {
  const { accessToken: _access, refreshToken: _refresh, ...rest } = token
  return { ...rest, error: 'RefreshAccessTokenError' }
}
// #endregion refresh
