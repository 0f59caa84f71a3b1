import type { Session } from 'next-auth'
import type { JWT } from 'next-auth/jwt'
import { decode, encode } from 'next-auth/jwt'
import type { NextMiddlewareWithAuth, NextRequestWithAuth } from 'next-auth/middleware'
import middleware, { withAuth } from 'next-auth/middleware'
import { isSerializableProps } from 'next/dist/lib/is-serializable-props'
import type { NextFetchEvent } from 'next/server'
import { NextRequest } from 'next/server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { createBackendClient } from '@reference-app/lib/backend'
import { createCallbacks } from '@reference-app/lib/callbacks'
import { isSignedIn } from '@reference-app/lib/signed-in'
import referenceMiddleware from '@reference-app/middleware'

import { claim, describeChapter } from '../../support/claims'
import type { ScriptedBackend } from '../reference-app/scripted-backend'
import { refused, startScriptedBackend, tokens } from '../reference-app/scripted-backend'

import {
  ADA,
  Browser,
  captureLogs,
  inSessionProvider,
  LOGIN_PAGE,
  OTHER_SECRET,
  readServerSession,
  SECRET,
  SESSION_COOKIE,
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

const NO_EVENT = {} as NextFetchEvent

/** A jar holding a session cookie sealed with SECRET around `token`. */
async function jarWith(token: JWT, name = SESSION_COOKIE) {
  return new Map([[name, await encode({ token, secret: SECRET })]])
}

const reader = (extra: Partial<JWT> = {}): JWT => ({ sub: ADA.id, role: 'reader', ...extra })
const editor = (extra: Partial<JWT> = {}): JWT => ({ sub: ADA.id, role: 'editor', ...extra })

async function signedIn() {
  const traced = tracedOptions()
  const browser = new Browser(traced.options)
  await browser.signIn()
  return { ...traced, jar: browser.jar }
}

/** Runs the reference app's middleware.ts on `path` with a session cookie around `token`. */
async function throughReferenceMiddleware(path: string, token: JWT | null) {
  const jar = token ? await jarWith(token) : new Map<string, string>()
  return referenceMiddleware(pageRequest(path, jar), NO_EVENT)
}

// why: tests that mount SessionProvider point the global fetch at NextAuth; the backend client
// must keep reaching the backend.
const networkFetch = globalThis.fetch

/** The reference app's callbacks, talking to `backend` (or to nothing, when no call is made). */
function referenceCallbacks(backend?: ScriptedBackend) {
  const baseUrl = backend?.url ?? 'http://127.0.0.1:9'
  return createCallbacks(createBackendClient({ baseUrl, timeoutMs: 2_000, fetch: networkFetch }))
}

/** Signed in through the reference app's callbacks, with an access token that is already due. */
async function signedInWithDueToken(backend: ScriptedBackend) {
  const options = tracedOptions({
    callbacks: referenceCallbacks(backend),
    authorize: () => ({ ...ADA, accessTokenExpires: Date.now() - 1_000 }),
  }).options
  const browser = new Browser(options)
  await browser.signIn()
  return { options, browser }
}

describeChapter('pages/guide/protecting-pages.mdx', () => {
  describe('getServerSession', () => {
    useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })
    let backend: ScriptedBackend
    beforeEach(async () => {
      backend = await startScriptedBackend()
    })
    afterEach(async () => {
      vi.unstubAllGlobals()
      await backend.close()
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
      'protecting-pages-server-session-refreshes',
      'Because jwt runs, an access token that is due is refreshed right there, and the new cookie goes out with the response, through res.',
      () => {
        it('refreshes a due access token with the reference app’s jwt and sets the new cookie on res', async () => {
          const { options, browser } = await signedInWithDueToken(backend)
          backend.answer('/refresh', { status: 200, body: tokens(2, Date.now() + 300_000) })

          const { setCookie } = await readServerSession(options, Object.fromEntries(browser.jar))

          expect(backend.calls).toEqual([
            { path: '/refresh', body: { refreshToken: ADA.refreshToken } },
          ])
          const line = setCookie.find((each) => each.startsWith(`${SESSION_COOKIE}=`)) ?? ''
          const value = decodeURIComponent(
            line.slice(SESSION_COOKIE.length + 1).split(';')[0] ?? '',
          )
          expect(await decode({ token: value, secret: SECRET })).toMatchObject({
            accessToken: 'access-2',
            refreshToken: 'refresh-2',
          })
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

    claim(
      'protecting-pages-refused-session-returned',
      'A session whose refresh the backend refused is still a valid session to NextAuth: the cookie decrypts, so getServerSession() returns it, with the error that the session callback passed on.',
      () => {
        it('returns the session after a refused refresh, with error set, which isSignedIn refuses', async () => {
          const { options, browser } = await signedInWithDueToken(backend)
          backend.answer('/refresh', refused('invalid_token', 401))
          await browser.session()

          const { session } = await readServerSession(options, Object.fromEntries(browser.jar))

          expect(session).toMatchObject({ user: { id: ADA.id }, error: 'RefreshAccessTokenError' })
          expect(isSignedIn(session)).toBe(false)
        })
      },
    )

    claim(
      'protecting-pages-default-session-image-undefined',
      'Props must be plain JSON, and next dev checks them: a prop that holds undefined fails the page. NextAuth\'s default session callback gives a Credentials user image: undefined, so returning its session from getServerSideProps fails in development with "Error serializing .session.user.image".',
      () => {
        const { image: _image, ...withoutImage } = ADA

        it('gives a Credentials user image: undefined, which Next.js refuses to serialise as a prop', async () => {
          const { options } = tracedOptions({ authorize: () => withoutImage })
          const browser = new Browser(options)
          await browser.signIn()

          const { session } = await readServerSession(options, Object.fromEntries(browser.jar))

          expect(session?.user).toHaveProperty('image', undefined)
          expect(() => isSerializableProps('/account', 'getServerSideProps', { session })).toThrow(
            'Error serializing `.session.user.image` returned from `getServerSideProps` in "/account"',
          )
        })

        it('gives getServerSideProps a session it can serialise with the reference app’s callback', async () => {
          const { options } = tracedOptions({
            authorize: () => withoutImage,
            callbacks: referenceCallbacks(),
          })
          const browser = new Browser(options)
          await browser.signIn()

          const { session } = await readServerSession(options, Object.fromEntries(browser.jar))

          expect(isSerializableProps('/account', 'getServerSideProps', { session })).toBe(true)
        })
      },
    )

    claim(
      'protecting-pages-use-session-refused',
      "A session with error set still counts as authenticated for useSession(), so a page that must not show a signed-out reader's old data checks it with isSignedIn(session) as well, as the reference app's home page does.",
      () => {
        it('reports authenticated, with error set, after a refused refresh', async () => {
          const { browser } = await signedInWithDueToken(backend)
          backend.answer('/refresh', refused('invalid_token', 401))

          const { result, status } = await inSessionProvider(
            browser,
            LOGIN_PAGE,
            async (useSessionNow) => useSessionNow().data,
          )

          expect(status).toBe('authenticated')
          expect(result).toMatchObject({ error: 'RefreshAccessTokenError' })
          expect(isSignedIn(result as Session)).toBe(false)
        })
      },
    )
  })

  describe('middleware', () => {
    useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: SECRET })

    claim(
      'protecting-pages-middleware-redirects',
      'withAuth decrypts the session cookie and hands its token to authorized. When that returns false (or, without authorized, when there is no token), it redirects to the sign-in page, with the path the reader asked for as callbackUrl.',
      () => {
        it('redirects a reader without a session to the sign-in page, and lets a signed-in one through', async () => {
          const { jar } = await signedIn()

          const stranger = await middleware(pageRequest('/account?tab=orders'))
          const signedInReader = await middleware(pageRequest('/account', jar))

          expect(stranger?.status).toBe(307)
          expect(stranger?.headers.get('location')).toBe(
            'http://localhost:3000/api/auth/signin?callbackUrl=%2Faccount%3Ftab%3Dorders',
          )
          expect(signedInReader).toBeUndefined()
        })

        it('hands authorized the decrypted token and redirects when it answers false', async () => {
          const jar = await jarWith(reader())
          const seen: (JWT | null)[] = []
          const editorsOnly = withAuth({
            callbacks: {
              authorized: ({ token }) => {
                seen.push(token)
                return token?.role === 'editor'
              },
            },
          })

          const answer = await editorsOnly(pageRequest('/editor', jar), NO_EVENT)

          expect(seen).toEqual([expect.objectContaining({ sub: ADA.id, role: 'reader' })])
          expect(answer?.status).toBe(307)
          expect(answer?.headers.get('location')).toBe(
            'http://localhost:3000/api/auth/signin?callbackUrl=%2Feditor',
          )
        })
      },
    )

    claim(
      'protecting-pages-middleware-api-redirect',
      'It answers an API route the same way, with a redirect, which a fetch() would follow to an HTML page.',
      () => {
        it('redirects a refused request for an API route to the sign-in page too', async () => {
          const refuseAll = withAuth({ callbacks: { authorized: () => false } })

          const answer = await refuseAll(pageRequest('/api/editor/notes'), NO_EVENT)

          expect(answer?.status).toBe(307)
          expect(answer?.headers.get('location')).toBe(
            'http://localhost:3000/api/auth/signin?callbackUrl=%2Fapi%2Feditor%2Fnotes',
          )
        })
      },
    )

    claim(
      'protecting-pages-reference-middleware',
      "That is why the reference app's authorized lets every /api/ request through, and the function after it answers those itself, with 401 JSON when nobody is signed in and 403 when the reader is not an editor.",
      () => {
        it('answers API routes with 401 or 403 JSON, and lets an editor through', async () => {
          const nobody = await throughReferenceMiddleware('/api/editor/notes', null)
          const readerAnswer = await throughReferenceMiddleware('/api/editor/notes', reader())
          const refusedEditor = await throughReferenceMiddleware(
            '/api/editor/notes',
            editor({ error: 'RefreshAccessTokenError' }),
          )
          const editorAnswer = await throughReferenceMiddleware('/api/editor/notes', editor())

          expect(nobody?.status).toBe(401)
          expect(await nobody?.json()).toMatchObject({ error: { code: 'unauthenticated' } })
          expect(readerAnswer?.status).toBe(403)
          expect(await readerAnswer?.json()).toMatchObject({ error: { code: 'forbidden' } })
          expect(refusedEditor?.status).toBe(401)
          expect(editorAnswer?.headers.get('x-middleware-next')).toBe('1')
        })

        it('sends a reader, or an editor whose refresh was refused, from a page to /sign-in', async () => {
          for (const token of [null, reader(), editor({ error: 'RefreshAccessTokenError' })]) {
            const answer = await throughReferenceMiddleware('/editor', token)
            expect(answer?.status).toBe(307)
            expect(answer?.headers.get('location')).toBe(
              'http://localhost:3000/sign-in?callbackUrl=%2Feditor',
            )
          }
          const editorAnswer = await throughReferenceMiddleware('/editor', editor())
          expect(editorAnswer?.headers.get('x-middleware-next')).toBe('1')
        })
      },
    )

    claim(
      'protecting-pages-middleware-jwt-only',
      'It only works with JWT sessions, which the Credentials provider always uses.',
      () => {
        it('treats a database session id as no session', async () => {
          const databaseSession = new Map([[SESSION_COOKIE, crypto.randomUUID()]])
          const answer = await middleware(pageRequest('/account', databaseSession))
          expect(answer?.status).toBe(307)
        })
      },
    )

    claim(
      'protecting-pages-middleware-own-options',
      'It has options of its own, not your NextAuth options. It reads NEXTAUTH_SECRET from the environment itself, and takes secret, pages (where to send a refused reader), jwt.decode (for a cookie you encode yourself), cookies.sessionToken.name and callbacks.authorized.',
      () => {
        it('reads NEXTAUTH_SECRET, and sends every reader to the error page when it is not set', async () => {
          const { jar } = await signedIn()
          expect(await middleware(pageRequest('/account', jar))).toBeUndefined()

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

        it('takes the secret from its secret option instead', async () => {
          const { jar } = await signedIn()
          const restore = setEnv({
            NEXTAUTH_SECRET: OTHER_SECRET,
          })
          try {
            expect(await middleware(pageRequest('/account', jar))).toHaveProperty('status', 307)
            expect(await withAuth({ secret: SECRET })(pageRequest('/account', jar), NO_EVENT)).toBe(
              undefined,
            )
          } finally {
            restore()
          }
        })

        it('redirects to pages.signIn, and reads the cookie that cookies.sessionToken.name names', async () => {
          const jar = await jarWith(reader(), '__Host-next-auth.session-token')
          const guarded = withAuth({
            pages: { signIn: '/sign-in' },
            cookies: { sessionToken: { name: '__Host-next-auth.session-token' } },
          })

          expect(await guarded(pageRequest('/account', jar), NO_EVENT)).toBeUndefined()
          const stranger = await guarded(pageRequest('/account'), NO_EVENT)
          expect(stranger?.headers.get('location')).toBe(
            'http://localhost:3000/sign-in?callbackUrl=%2Faccount',
          )
        })

        it('opens the cookie with jwt.decode when given one', async () => {
          const cookie = new Map([[SESSION_COOKIE, 'a cookie this app sealed its own way']])
          const guarded = withAuth({ jwt: { decode: async () => reader() } })

          expect(await guarded(pageRequest('/account', cookie), NO_EVENT)).toBeUndefined()
          expect(await middleware(pageRequest('/account', cookie))).toHaveProperty('status', 307)
        })
      },
    )

    claim(
      'protecting-pages-middleware-no-callbacks',
      'It never runs your jwt callback: it sees the token as the cookie holds it, so it can read the role but cannot refresh an access token that has expired.',
      () => {
        it('hands the page the decrypted token as it is, without running jwt or session', async () => {
          const { jar, trace } = await signedIn()
          trace.length = 0
          let seen: unknown
          const guarded = withAuth((req) => {
            seen = req.nextauth.token
          })

          await guarded(pageRequest('/account', jar), NO_EVENT)

          const cookie = jar.get(SESSION_COOKIE)
          expect(seen).toEqual(await decode({ token: cookie, secret: SECRET }))
          expect(trace).toEqual([])
        })

        it('passes an expired access token on as it is, role and all', async () => {
          const expired = Date.now() - 60_000
          const jar = await jarWith(
            editor({ accessToken: 'access-1', accessTokenExpires: expired }),
          )
          let seen: JWT | null = null
          const guarded: NextMiddlewareWithAuth = (req) => {
            seen = req.nextauth.token
          }

          await withAuth(guarded)(pageRequest('/editor', jar), NO_EVENT)

          expect(seen).toMatchObject({
            role: 'editor',
            accessToken: 'access-1',
            accessTokenExpires: expired,
          })
        })
      },
    )
  })
})
