import type { CallbacksOptions, EventCallbacks, Session } from 'next-auth'
import type { JWT } from 'next-auth/jwt'

import type { BackendClient } from './backend'
import { needsRefresh, refreshAccessToken } from './refresh'

type AuthCallbacks = Pick<CallbacksOptions, 'jwt' | 'session'>

/**
 * The `jwt` and `session` callbacks. They close over the backend client, so the same code
 * runs against this app's stand-in backend, your backend, or a test's.
 */
export function createCallbacks(backend: BackendClient): AuthCallbacks {
  return {
    // #region jwt
    async jwt({ token, user }) {
      // `user` is what authorize() returned. It is there on the sign-in request only:
      // copy what later requests need into the token, which the session cookie carries.
      // (NextAuth has already copied user.id into token.sub.)
      if (user) {
        return {
          ...token,
          role: user.role,
          accessToken: user.accessToken,
          accessTokenExpires: user.accessTokenExpires,
          refreshToken: user.refreshToken,
        }
      }
      // Every later read: keep the token while the access token lives, refresh it after.
      if (token.error || !needsRefresh(token)) return token
      return refreshAccessToken(token, backend)
    },
    // #endregion jwt

    // #region session
    session({ session, token }) {
      // What useSession() and getServerSession() return: readable by every script on the
      // page, so never a token. `image` is left out: credentials users have none, and an
      // `undefined` in getServerSideProps' props fails to serialise.
      return {
        user: {
          id: token.sub ?? '',
          name: token.name ?? null,
          email: token.email ?? null,
          role: token.role,
        },
        expires: session.expires,
        accessTokenExpires: token.accessTokenExpires,
        ...(token.error ? { error: token.error } : {}),
      } satisfies Session
    },
    // #endregion session
  }
}

// #region sign-out
/**
 * NextAuth's events. Signing out deletes the cookie, but the refresh token inside it would
 * stay valid at the backend: revoke it there too. `token` is the decoded session cookie.
 */
export function createEvents(backend: BackendClient): Pick<EventCallbacks, 'signOut'> {
  return {
    async signOut({ token }: { token: JWT | null }) {
      if (token?.refreshToken) await backend.logout(token.refreshToken)
    },
  }
}
// #endregion sign-out
