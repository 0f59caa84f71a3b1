import type { CallbacksOptions, EventCallbacks } from 'next-auth'
import type { JWT } from 'next-auth/jwt'

import { traceStep } from '@/lib/trace/context'

import type { BackendClient } from './backend-client'
import { readScenario, SCENARIO_REDIRECT_PATH } from './scenarios'

/** Refresh a little before the backend's token expires, so no request carries a dead one. */
export const ACCESS_TOKEN_REFRESH_MARGIN_MS = 5_000

/**
 * Trades the refresh token for a new pair. A failure does not throw: it marks the token so
 * the session tells the client, which signs the reader out.
 */
async function refreshAccessToken(client: BackendClient, token: JWT): Promise<JWT> {
  const answer = token.refreshToken ? await client.refresh(token.refreshToken) : null
  if (!answer?.ok) {
    const { accessToken: _access, refreshToken: _refresh, ...rest } = token
    return { ...rest, error: 'RefreshAccessTokenError' }
  }
  return {
    ...token,
    accessToken: answer.value.accessToken,
    accessTokenExpires: answer.value.accessTokenExpires,
    refreshToken: answer.value.refreshToken,
  }
}

/** NextAuth's redirect rule, unchanged: same-origin URLs and paths only. */
function sameOriginOnly(url: string, baseUrl: string): string {
  if (url.startsWith('/') && !url.startsWith('//')) return `${baseUrl}${url}`
  try {
    return new URL(url).origin === baseUrl ? url : baseUrl
  } catch {
    return baseUrl
  }
}

/**
 * The callbacks of the site's NextAuth configuration. Each runs inside `traceStep`, which
 * records it for readers who opened the lab and costs nothing for everyone else.
 */
export function createCallbacks(client: BackendClient, baseUrl: string): Partial<CallbacksOptions> {
  return {
    redirect: (params) => traceStep('redirect', params, () => sameOriginOnly(params.url, baseUrl)),

    signIn: (params) =>
      traceStep('signIn', params, () => {
        const scenario = readScenario(params.credentials)
        if (scenario === 'signin-returns-false') return false
        // why: NextAuth's client parses this with `new URL()`, so it must be absolute.
        if (scenario === 'signin-returns-url') return `${baseUrl}${SCENARIO_REDIRECT_PATH}`
        return Boolean(params.user)
      }),

    jwt: (params) =>
      traceStep('jwt', params, async () => {
        const { token, user } = params
        if (user) {
          // Sign-in: the only moment `user` (what authorize returned) is present.
          return {
            ...token,
            accessToken: user.accessToken,
            accessTokenExpires: user.accessTokenExpires,
            refreshToken: user.refreshToken,
          }
        }
        if (token.error || token.accessTokenExpires === undefined) return token
        if (Date.now() < token.accessTokenExpires - ACCESS_TOKEN_REFRESH_MARGIN_MS) return token
        return refreshAccessToken(client, token)
      }),

    session: (params) =>
      traceStep('session', params, () => {
        const { session, token } = params
        return {
          ...session,
          user: { id: token.sub ?? '', name: token.name ?? null, email: token.email ?? null },
          accessTokenExpires: token.accessTokenExpires,
          ...(token.error ? { error: token.error } : {}),
        }
      }),
  }
}

/** NextAuth's events, recorded in the trace too (they run after the response is decided). */
export const tracedEvents: Partial<EventCallbacks> = {
  signIn: (message) => traceStep('event:signIn', message, () => undefined),
  signOut: (message) => traceStep('event:signOut', message, () => undefined),
  session: (message) => traceStep('event:session', message, () => undefined),
}
