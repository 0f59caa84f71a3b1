import type { AuthOptions, Session } from 'next-auth'
import type { JWT } from 'next-auth/jwt'
import { decode, getToken } from 'next-auth/jwt'
import type { NextRequestWithAuth } from 'next-auth/middleware'
import { withAuth } from 'next-auth/middleware'
import { getServerSession } from 'next-auth/next'
import CredentialsProvider from 'next-auth/providers/credentials'
import { getSession } from 'next-auth/react'
import type { NextFetchEvent } from 'next/server'
import { NextRequest } from 'next/server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { createAuthorize, logInCredentials } from '@reference-app/lib/authorize'
import { createBackendClient } from '@reference-app/lib/backend'
import { createCallbacks } from '@reference-app/lib/callbacks'
import { isSignedIn } from '@reference-app/lib/signed-in'

import { claim, describeChapter } from '../../support/claims'
import type { ScriptedBackend } from '../reference-app/scripted-backend'
import { startScriptedBackend, tokens } from '../reference-app/scripted-backend'
import type { StandInBackend } from '../reference-app/stand-in-backend'
import {
  DEMO_ACCOUNT,
  STAND_IN_TIMEOUT_MS,
  startStandInBackend,
} from '../reference-app/stand-in-backend'

import type { AuthAnswer } from './next-auth-harness'
import {
  ADA,
  Browser,
  callAuth,
  inSessionProvider,
  LOGIN_PAGE,
  SECRET,
  SESSION_COOKIE,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

/**
 * Which ways of reading the session run `jwt` (and so refresh), and which of those can hand the
 * rotated refresh token back to the browser. Each test signs in with the reference app's
 * callbacks and an access token that is already due, so any read that runs `jwt` refreshes.
 */

const LIVE = () => Date.now() + 300_000
/** Already past expiry: any read that runs jwt refreshes. */
const DUE = () => Date.now() - 1_000

// why: tests that mount SessionProvider or stub fetch point the global fetch at NextAuth; the
// backend client must keep reaching the backend.
const networkFetch = globalThis.fetch

function referenceCallbacks(baseUrl: string) {
  return createCallbacks(createBackendClient({ baseUrl, timeoutMs: 10_000, fetch: networkFetch }))
}

/** The session cookie's token, as the browser holds it. */
const tokenInJar = (jar: Map<string, string>) =>
  decode({ token: jar.get(SESSION_COOKIE) ?? '', secret: SECRET })

/** The token inside the session cookie that a Set-Cookie line carries. */
function tokenInSetCookie(lines: string[]) {
  const line = lines.find((each) => each.startsWith(`${SESSION_COOKIE}=`)) ?? ''
  const value = line.slice(SESSION_COOKIE.length + 1).split(';')[0] ?? ''
  return decode({ token: decodeURIComponent(value), secret: SECRET })
}

const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join('; ')

/**
 * A server that calls `getSession({ req })` from next-auth/react: its `fetch` reaches the
 * NextAuth route (the real core, through the harness) with the cookie header it was given,
 * and each answer is kept, Set-Cookie included, to show what the server received.
 */
async function serverGetSession(options: AuthOptions, browserJar: Map<string, string>) {
  const received: AuthAnswer[] = []
  const serverFetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input))
    const header = new Headers(init.headers).get('cookie') ?? ''
    const cookies = Object.fromEntries(
      header
        .split('; ')
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    )
    const answer = await callAuth(options, { path: url.pathname + url.search, cookies })
    received.push(answer)
    const headers = new Headers()
    for (const line of answer.setCookie) headers.append('set-cookie', line)
    return Response.json(answer.body, { status: answer.status, headers })
  }
  vi.stubGlobal('fetch', serverFetch)
  try {
    // why: what getServerSideProps hands over as `context.req`; getSession reads its headers.
    const req = { headers: { cookie: cookieHeader(browserJar) } }
    const session = await getSession({ req })
    return { session, received }
  } finally {
    vi.unstubAllGlobals()
  }
}

/** Runs `withAuth` on a page request with the browser's cookies: the tokens it saw, its answer. */
async function throughMiddleware(jar: Map<string, string>) {
  const seen: (JWT | null)[] = []
  const guarded = withAuth({
    secret: SECRET,
    callbacks: {
      authorized: ({ token }) => {
        seen.push(token)
        return true
      },
    },
  })
  const request = new NextRequest('http://localhost:3000/account', {
    headers: { cookie: cookieHeader(jar) },
  })
  // why: withAuth adds `nextauth` itself; the type only says it will be there.
  const answer = await guarded(request as NextRequestWithAuth, {} as NextFetchEvent)
  return { seen, answer }
}

describeChapter('pages/guide/backend-tokens.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  describe('against a scripted backend', () => {
    let backend: ScriptedBackend
    beforeEach(async () => {
      backend = await startScriptedBackend()
    })
    afterEach(async () => {
      await backend.close()
    })

    /** Signed in with the reference app's callbacks and an access token that is already due. */
    async function signedInDue(accessTokenExpires = DUE()) {
      const traced = tracedOptions({
        callbacks: referenceCallbacks(backend.url),
        authorize: () => ({ ...ADA, accessTokenExpires }),
      })
      const browser = new Browser(traced.options)
      await browser.signIn()
      traced.trace.length = 0
      backend.answer('/refresh', { status: 200, body: tokens(2, LIVE()) })
      return { browser, ...traced }
    }

    claim(
      'reads-session-endpoint',
      'GET /api/auth/session: SessionProvider, useSession(), getSession() in the browser | yes | yes, with the answer',
      () => {
        it('refreshes when SessionProvider fetches the session, and the browser keeps the new refresh token', async () => {
          const { browser, steps } = await signedInDue()

          const { status } = await inSessionProvider(browser, LOGIN_PAGE, () => Promise.resolve())

          expect(status).toBe('authenticated')
          expect(steps()).toContain('jwt')
          expect(backend.calls).toEqual([{ path: '/refresh', body: { refreshToken: 'refresh-1' } }])
          expect(await tokenInJar(browser.jar)).toMatchObject({ refreshToken: 'refresh-2' })
        })
      },
    )

    claim(
      'reads-get-server-session',
      'getServerSession(req, res, authOptions) in getServerSideProps or an API route | yes | yes, through res',
      () => {
        it('refreshes in getServerSession and sets the new cookie on res', async () => {
          const { browser, options, steps } = await signedInDue()
          const headers = new Map<string, string[]>()
          const res = {
            getHeader: (name: string) => headers.get(name.toLowerCase()),
            setHeader: (name: string, value: string[]) => headers.set(name.toLowerCase(), value),
          }
          const req = { headers: {}, cookies: Object.fromEntries(browser.jar) }

          await getServerSession(req as never, res as never, options)

          expect(steps()).toContain('jwt')
          expect(backend.calls).toEqual([{ path: '/refresh', body: { refreshToken: 'refresh-1' } }])
          expect(await tokenInSetCookie(headers.get('set-cookie') ?? [])).toMatchObject({
            refreshToken: 'refresh-2',
          })
        })
      },
    )

    claim(
      'reads-server-get-session',
      "getSession({ req }) from next-auth/react, on the server | yes, in the request it makes | no: the answer's cookie stops at your server",
      () => {
        it('refreshes at the backend while the browser keeps the retired refresh token', async () => {
          const { browser, options, steps } = await signedInDue()

          const { session } = await serverGetSession(options, browser.jar)

          expect(isSignedIn(session)).toBe(true)
          expect(steps()).toContain('jwt')
          expect(backend.calls).toEqual([{ path: '/refresh', body: { refreshToken: 'refresh-1' } }])
          expect(await tokenInJar(browser.jar)).toMatchObject({ refreshToken: 'refresh-1' })
        })
      },
    )

    claim(
      'reads-server-get-session-drops-cookie',
      "On the server, getSession({ req }) sends an HTTP request to your own /api/auth/session with the browser's cookie copied into it. That request runs jwt, which refreshes, and the backend rotates the refresh token; the new cookie then comes back to your server in the answer, and getSession() keeps the JSON and drops the cookie.",
      () => {
        it('asks /api/auth/session with the browser’s cookie, and returns only the body of an answer that set a new cookie', async () => {
          const { browser, options } = await signedInDue()
          const sent = browser.jar.get(SESSION_COOKIE)

          const { session, received } = await serverGetSession(options, browser.jar)

          expect(received).toHaveLength(1)
          const [answer] = received as [AuthAnswer]
          expect(answer.body).toEqual(session)
          expect(await tokenInSetCookie(answer.setCookie)).toMatchObject({
            refreshToken: 'refresh-2',
          })
          expect(Object.keys(session ?? {}).sort()).toEqual(
            ['accessTokenExpires', 'expires', 'user'].sort(),
          )
          expect(browser.jar.get(SESSION_COOKIE)).toBe(sent)
        })
      },
    )

    claim(
      'reads-get-token',
      'getToken({ req }) from next-auth/jwt | no | there is nothing new to send',
      () => {
        it('returns the cookie’s token with its expired access token, asking the backend nothing', async () => {
          const { browser, trace } = await signedInDue()

          const token = await getToken({
            req: { cookies: Object.fromEntries(browser.jar), headers: {} } as never,
            secret: SECRET,
          })

          expect(token).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' })
          expect(token?.accessTokenExpires).toBeLessThan(Date.now())
          expect(trace).toEqual([])
          expect(backend.calls).toEqual([])
        })
      },
    )

    claim(
      'reads-middleware',
      'Middleware: withAuth, or getToken() inside it | no | there is nothing new to send',
      () => {
        it('lets withAuth see the cookie’s token as it is, and sends no new cookie', async () => {
          const { browser, trace } = await signedInDue()
          const { seen, answer } = await throughMiddleware(browser.jar)

          expect(seen).toEqual([expect.objectContaining({ accessToken: 'access-1' })])
          expect(seen[0]?.accessTokenExpires).toBeLessThan(Date.now())
          // why: an authorized request with no middleware function of its own passes through
          // with no response at all, so no header, Set-Cookie included, goes to the browser.
          expect(answer).toBeUndefined()
          expect(trace).toEqual([])
          expect(backend.calls).toEqual([])
        })
      },
    )

    claim(
      'reads-get-token-after-refresh',
      'The two reads that never run jwt do no harm to rotation, and they are stale for the same reason: they see the token as the browser sent it, access token and all, even when that access token expired minutes ago. Reading the session first does not freshen them either. getServerSession() writes the new cookie to res, but req still carries the old one, and getToken() in the same request reads req.',
      () => {
        it('gives getToken() and middleware the old token, expired ten minutes ago, after getServerSession() refreshed', async () => {
          const { browser, options } = await signedInDue(Date.now() - 10 * 60_000)
          const sent = await tokenInJar(browser.jar)
          const headers = new Map<string, string[]>()
          const res = {
            getHeader: (name: string) => headers.get(name.toLowerCase()),
            setHeader: (name: string, value: string[]) => headers.set(name.toLowerCase(), value),
          }
          const req = { headers: {}, cookies: Object.fromEntries(browser.jar) }

          await getServerSession(req as never, res as never, options)
          const token = await getToken({ req: req as never, secret: SECRET })

          expect(await tokenInSetCookie(headers.get('set-cookie') ?? [])).toMatchObject({
            refreshToken: 'refresh-2',
          })
          expect(token).toEqual(sent)
          expect(token).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' })
          const { seen } = await throughMiddleware(browser.jar)
          expect(seen).toEqual([sent])
          expect(backend.calls).toEqual([{ path: '/refresh', body: { refreshToken: 'refresh-1' } }])
        })
      },
    )
  })

  describe('against the reference app’s stand-in backend', () => {
    let standIn: StandInBackend
    /** How far the backend's clock is ahead of the real one. */
    let ahead = 0
    // why: one backend for these tests, since it hashes the demo passwords when it starts.
    beforeAll(async () => {
      standIn = await startStandInBackend(() => Date.now() + ahead)
    }, STAND_IN_TIMEOUT_MS)
    afterAll(() => standIn.close())
    beforeEach(() => {
      ahead = 0
    })

    function standInOptions(): AuthOptions {
      const client = createBackendClient({ baseUrl: standIn.url, timeoutMs: 10_000 })
      return {
        secret: SECRET,
        providers: [
          CredentialsProvider({
            id: 'login',
            credentials: logInCredentials,
            authorize: createAuthorize('login', client),
          }),
        ],
        session: { strategy: 'jwt' },
        callbacks: referenceCallbacks(standIn.url),
      }
    }

    /** Signed in to the stand-in, then a server read with getSession({ req }) rotates the token. */
    async function afterServerGetSession() {
      const browser = new Browser(standInOptions())
      await browser.signIn(DEMO_ACCOUNT)
      const retired = (await tokenInJar(browser.jar))?.refreshToken
      const { session, received } = await serverGetSession(browser.options, browser.jar)
      expect(isSignedIn(session)).toBe(true)
      const dropped = (await tokenInSetCookie(received[0]?.setCookie ?? []))?.refreshToken
      expect(dropped).toEqual(expect.any(String))
      expect(dropped).not.toBe(retired)
      expect((await tokenInJar(browser.jar))?.refreshToken).toBe(retired)
      return { browser, dropped }
    }

    claim(
      'reads-grace-window',
      "If the browser's next read comes within 10 seconds of the exchange, the old token gets the same successor back and the session carries on. After that, it is reuse: the backend revokes the family and the session ends with RefreshAccessTokenError.",
      () => {
        it(
          'keeps the session when the browser reads it again within the window, with the successor the server dropped',
          { timeout: STAND_IN_TIMEOUT_MS },
          async () => {
            const { browser, dropped } = await afterServerGetSession()

            ahead = 9_000
            const { body } = await browser.session()

            expect(isSignedIn(body as Session)).toBe(true)
            expect((await tokenInJar(browser.jar))?.refreshToken).toBe(dropped)
          },
        )

        it(
          'ends the session when the browser reads it again after the window',
          { timeout: STAND_IN_TIMEOUT_MS },
          async () => {
            const { browser } = await afterServerGetSession()

            ahead = 11_000
            const { body } = await browser.session()

            expect(body).toMatchObject({ error: 'RefreshAccessTokenError' })
          },
        )
      },
    )
  })
})
