import { decode } from 'next-auth/jwt'
import type { NextRequestWithAuth } from 'next-auth/middleware'
import middleware, { withAuth } from 'next-auth/middleware'
import type { NextFetchEvent } from 'next/server'
import { NextRequest } from 'next/server'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { claim, describeChapter } from '../../support/claims'

import {
  Browser,
  captureLogs,
  readServerSession,
  SECRET,
  setEnv,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

/** A request for `path` that carries `cookies`, as the edge runtime hands it to middleware. */
function pageRequest(path: string, cookies: Map<string, string> = new Map()) {
  const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const request = new NextRequest(`http://localhost:3000${path}`, { headers: { cookie } })
  // why: withAuth adds `nextauth` itself; the type only says it will be there.
  return request as NextRequestWithAuth
}

async function signedIn() {
  const traced = tracedOptions()
  const browser = new Browser(traced.options)
  await browser.signIn()
  return { ...traced, jar: browser.jar }
}
describeChapter('pages/guide/protecting-pages.mdx', () => {
  describe('getServerSession', () => {
    useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })
    afterEach(() => {
      vi.unstubAllGlobals()
    })

    claim(
      'protecting-pages-server-session',
      'getServerSession() decrypts the cookie and runs your jwt and session callbacks in the same process, without an HTTP round trip to /api/auth/session.',
      () => {
        it('runs jwt then session in-process, fetching nothing', async () => {
          const { options, jar, steps, trace } = await signedIn()
          const fetchSpy = vi.fn()
          vi.stubGlobal('fetch', fetchSpy)
          trace.length = 0

          const { session } = await readServerSession(options, Object.fromEntries(jar))

          expect(session).toMatchObject({ user: { email: 'ada@example.com' } })
          expect(steps().filter((name) => name !== 'redirect')).toEqual(['jwt', 'session'])
          expect(fetchSpy).not.toHaveBeenCalled()
        })
      },
    )

    claim(
      'protecting-pages-server-session-null',
      'It returns null when there is no valid session.',
      () => {
        it('returns null without a cookie and for a cookie it cannot decrypt', async () => {
          const { options } = tracedOptions()
          const logs = captureLogs()
          const none = await readServerSession(options, {})
          const forged = await readServerSession(options, {
            'next-auth.session-token': 'not-a-jwe',
          })
          logs.restore()

          expect(none.session).toBeNull()
          expect(forged.session).toBeNull()
        })
      },
    )
  })

  describe('middleware', () => {
    useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: SECRET })

    claim(
      'protecting-pages-middleware-redirects',
      'It runs on the edge runtime before the page, decrypts the session cookie and redirects readers without one.',
      () => {
        it('redirects a reader without a session to the sign-in page, and lets a signed-in one through', async () => {
          const { jar } = await signedIn()

          const stranger = await middleware(pageRequest('/account?tab=orders'))
          const reader = await middleware(pageRequest('/account', jar))

          expect(stranger?.status).toBe(307)
          expect(stranger?.headers.get('location')).toBe(
            'http://localhost:3000/api/auth/signin?callbackUrl=%2Faccount%3Ftab%3Dorders',
          )
          expect(reader).toBeUndefined()
        })
      },
    )

    claim(
      'protecting-pages-middleware-jwt-only',
      'It only works with JWT sessions (true for Credentials) and needs NEXTAUTH_SECRET in the environment, since it cannot import your options.',
      () => {
        it('treats a database session id as no session', async () => {
          const databaseSession = new Map([['next-auth.session-token', crypto.randomUUID()]])
          const answer = await middleware(pageRequest('/account', databaseSession))
          expect(answer?.status).toBe(307)
        })

        it('sends every reader to the error page when NEXTAUTH_SECRET is not set', async () => {
          const { jar } = await signedIn()
          const restore = setEnv({ NEXTAUTH_SECRET: undefined, AUTH_SECRET: undefined })
          const logs = captureLogs()
          try {
            const answer = await middleware(pageRequest('/account', jar))
            expect(answer?.headers.get('location')).toBe(
              'http://localhost:3000/api/auth/error?error=Configuration',
            )
            expect(logs.errors()).toContain('[next-auth][error][NO_SECRET]')
          } finally {
            logs.restore()
            restore()
          }
        })
      },
    )

    claim(
      'protecting-pages-middleware-no-callbacks',
      'It does not run your callbacks: it sees the token as it was encrypted, not what your session callback would make of it.',
      () => {
        it('hands the page the decrypted token as it is, without running jwt or session', async () => {
          const { jar, trace } = await signedIn()
          trace.length = 0
          let seen: unknown
          const guarded = withAuth((req) => {
            seen = req.nextauth.token
          })

          await guarded(pageRequest('/account', jar), {} as NextFetchEvent)

          const cookie = jar.get('next-auth.session-token')
          expect(seen).toEqual(await decode({ token: cookie, secret: SECRET }))
          expect(trace).toEqual([])
        })
      },
    )
  })
})
