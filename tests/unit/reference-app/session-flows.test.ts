import type { AuthOptions } from 'next-auth'
import { decode } from 'next-auth/jwt'
import CredentialsProvider from 'next-auth/providers/credentials'

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { createAuthorize, logInCredentials } from '@reference-app/lib/authorize'
import { createBackendClient } from '@reference-app/lib/backend'
import { createCallbacks, createEvents } from '@reference-app/lib/callbacks'
import { REFRESH_MARGIN_MS } from '@reference-app/lib/refresh'
import { isSignedIn } from '@reference-app/lib/signed-in'

import { claim, describeChapter } from '../../support/claims'
import {
  Browser,
  OTHER_SECRET,
  readServerSession,
  SECRET,
  SESSION_COOKIE,
  setEnv,
  useEnv,
} from '../claims/next-auth-harness'
import type { ScriptedBackend } from './scripted-backend'
import { refused, startScriptedBackend, tokens } from './scripted-backend'
import { STAND_IN_TIMEOUT_MS, startStandInBackend } from './stand-in-backend'

/**
 * The reference app's NextAuth side (authorize, jwt, session, the sign-out event), run by the
 * real next-auth against a real HTTP backend whose answers each test scripts.
 */

const EIGHT_HOURS_S = 8 * 60 * 60
const LIVE = () => Date.now() + 300_000
/** An access token already inside the refresh margin: the next read refreshes it. */
const DUE = () => Date.now() + REFRESH_MARGIN_MS - 1_000

let backend: ScriptedBackend

function referenceOptions(timeoutMs = 2_000, baseUrl = backend.url): AuthOptions {
  const client = createBackendClient({ baseUrl, timeoutMs })
  return {
    secret: SECRET,
    providers: [
      CredentialsProvider({
        id: 'login',
        credentials: logInCredentials,
        authorize: createAuthorize('login', client),
      }),
    ],
    session: { strategy: 'jwt', maxAge: EIGHT_HOURS_S },
    jwt: { maxAge: EIGHT_HOURS_S },
    callbacks: createCallbacks(client),
    events: createEvents(client),
  }
}

async function signedIn(accessTokenExpires: number, options = referenceOptions()) {
  backend.answer('/login', { status: 200, body: tokens(1, accessTokenExpires) })
  const browser = new Browser(options)
  await browser.signIn({ email: 'ada@example.com', password: 'correct horse' })
  return browser
}

const tokenIn = (browser: Browser) =>
  decode({ token: browser.jar.get(SESSION_COOKIE) ?? '', secret: SECRET })

describe('the reference app, run by next-auth', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })
  beforeEach(async () => {
    backend = await startScriptedBackend()
  })
  afterEach(async () => {
    await backend.close()
  })

  it('sends the backend only the email and password, and keeps its tokens out of the session JSON', async () => {
    const browser = await signedIn(LIVE())

    expect(backend.calls[0]).toEqual({
      path: '/login',
      body: { email: 'ada@example.com', password: 'correct horse' },
    })
    const { body } = await browser.session()
    expect(body).toEqual({
      user: { id: 'user-1', name: 'Ada', email: 'ada@example.com', role: 'reader' },
      expires: expect.any(String),
      accessTokenExpires: expect.any(Number),
    })
    expect(await tokenIn(browser)).toMatchObject({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
    })
  })

  it('makes the first token no longer-lived than the session cookie', async () => {
    const browser = await signedIn(LIVE())
    const token = await tokenIn(browser)
    expect(token?.exp).toBeLessThanOrEqual(Date.now() / 1000 + EIGHT_HOURS_S + 5)
  })

  it('gives getServerSideProps a session it can serialise: no undefined image', async () => {
    const browser = await signedIn(LIVE())
    const { session } = await readServerSession(referenceOptions(), Object.fromEntries(browser.jar))
    expect(() => JSON.stringify(session)).not.toThrow()
    expect(session?.user).not.toHaveProperty('image')
    expect(Object.values(session?.user ?? {})).not.toContain(undefined)
  })

  it('refreshes a due access token on the next read and stores the rotated pair', async () => {
    const browser = await signedIn(DUE())
    backend.answer('/refresh', { status: 200, body: tokens(2, LIVE(), 'editor') })

    const { body } = await browser.session()

    expect(backend.calls.at(-1)).toEqual({ path: '/refresh', body: { refreshToken: 'refresh-1' } })
    expect(await tokenIn(browser)).toMatchObject({
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
    })
    expect(body).toMatchObject({ user: { role: 'editor' } })
  })

  describeChapter('pages/guide/backend-tokens.mdx', () => {
    claim(
      'backend-tokens-transient-keeps-session',
      'The backend could not answer. A timeout, a refused connection, a 503, a 429, a body that is not JSON. The backend client (lib/backend.ts) turns each into unavailable or rate_limited, and never throws. The token is returned as it was, refresh token included, and the next read of the session tries again; the reader stays signed in through the outage.',
      () => {
        for (const [failure, answer] of [
          ['a 503', { status: 503, body: { error: { code: 'unavailable', message: 'Down.' } } }],
          ['a 429', refused('rate_limited', 429)],
          ['a body that is not JSON', { status: 200, raw: '<html>proxy error</html>' }],
          ['a backend that does not answer in time', 'hang'],
        ] as const) {
          it(`keeps the session and its refresh token through ${failure}, and retries on the next read`, async () => {
            const browser = await signedIn(DUE(), referenceOptions(300))
            backend.answer('/refresh', answer, { status: 200, body: tokens(2, LIVE()) })

            const during = await browser.session()
            expect(isSignedIn(during.body as never)).toBe(true)
            expect(await tokenIn(browser)).toMatchObject({ refreshToken: 'refresh-1' })

            await browser.session()
            expect(await tokenIn(browser)).toMatchObject({ refreshToken: 'refresh-2' })
            expect(backend.calls.filter((call) => call.path === '/refresh')).toHaveLength(2)
          })
        }

        it('keeps the session through a backend that refuses the connection', async () => {
          const browser = await signedIn(DUE())
          await backend.close()

          const { body } = await browser.session()

          expect(isSignedIn(body as never)).toBe(true)
          expect(await tokenIn(browser)).toMatchObject({ refreshToken: 'refresh-1' })
          backend = await startScriptedBackend()
        })
      },
    )

    claim(
      'backend-tokens-refusal-ends-session',
      "The backend said no. A 401 invalid_token: the refresh token expired, was revoked at sign-out, or was caught being reused. No retry will change that. The token loses both backend tokens and gets error: 'RefreshAccessTokenError', and jwt stops asking: it returns a token with error as it is.",
      () => {
        it('ends the session when the backend refuses the refresh token, and stops asking', async () => {
          const browser = await signedIn(DUE())
          backend.answer('/refresh', refused('invalid_token', 401))

          const { body } = await browser.session()
          await browser.session()

          expect(body).toMatchObject({ error: 'RefreshAccessTokenError' })
          expect(isSignedIn(body as never)).toBe(false)
          const token = await tokenIn(browser)
          expect(token).not.toHaveProperty('refreshToken')
          expect(token).not.toHaveProperty('accessToken')
          expect(backend.calls.filter((call) => call.path === '/refresh')).toHaveLength(1)
        })
      },
    )
  })

  describeChapter('pages/guide/security-checklist.mdx', () => {
    claim(
      'security-sign-out-revokes',
      "The reference app's signOut event posts it to /logout, which revokes its family.",
      () => {
        it('revokes the refresh token at the backend when the person signs out', async () => {
          const browser = await signedIn(LIVE())
          backend.answer('/logout', { status: 204 })

          const csrfToken = await browser.csrfToken()
          await browser.request({ method: 'POST', path: '/api/auth/signout', body: { csrfToken } })

          expect(backend.calls.at(-1)).toEqual({
            path: '/logout',
            body: { refreshToken: 'refresh-1' },
          })
          expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
        })
      },
    )
  })

  for (const [answer, error] of [
    [refused('invalid_credentials', 401), 'CredentialsSignin'],
    [refused('rate_limited', 429), 'rate_limited'],
    [{ status: 502, raw: 'Bad gateway' }, 'unavailable'],
    [refused('a_code_from_the_future', 400), 'unavailable'],
    [{ ...refused('rate_limited', 429), headers: { 'retry-after': '840' } }, 'rate_limited:840'],
    [
      { status: 400, body: { error: { code: 'invalid_input', message: '…', field: 'password' } } },
      'invalid_input:password',
    ],
    // A field this client does not know never reaches the browser.
    [
      { status: 400, body: { error: { code: 'invalid_input', message: '…', field: '<b>' } } },
      'invalid_input',
    ],
  ] as const) {
    it(`reports a ${answer.status} from the backend to signIn() as "${error}"`, async () => {
      backend.answer('/login', answer)
      const browser = new Browser(referenceOptions())
      const { body } = await browser.signIn({ email: 'ada@example.com', password: 'wrong' })
      expect(new URL((body as { url: string }).url).searchParams.get('error')).toBe(error)
      expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
    })
  }
})

describe('the reference app and the site configure one lifetime', () => {
  useEnv({
    NEXTAUTH_URL: 'http://localhost:3000',
    NEXTAUTH_SECRET: SECRET,
    BACKEND_JWT_SECRET: OTHER_SECRET,
  })

  it('gives the JWT the session’s max age, in the reference app and on the site', async () => {
    const { authOptions } = await import('@reference-app/lib/auth-options')
    const { getAuthOptions } = await import('@/lib/auth/options')
    for (const options of [authOptions, getAuthOptions()]) {
      expect(options.session?.maxAge).toBe(EIGHT_HOURS_S)
      expect(options.jwt?.maxAge).toBe(options.session?.maxAge)
    }
  })
})

/** A request and a response with just what getServerSession and the route below use. */
function apiExchange(cookies: Record<string, string>) {
  const headers = new Map<string, unknown>()
  const res = {
    statusCode: 200,
    body: undefined as unknown,
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), value)
      return res
    },
    status(code: number) {
      res.statusCode = code
      return res
    },
    json(body: unknown) {
      res.body = body
      return res
    },
  }
  const req = { method: 'GET', headers: {}, cookies, query: {} }
  return { req, res }
}

describeChapter('pages/guide/protecting-pages.mdx', () => {
  describe('the reference app’s own modules, configured from the environment', () => {
    beforeEach(async () => {
      backend = await startScriptedBackend()
    })
    afterEach(async () => {
      await backend.close()
    })

    /** lib/auth-options.ts reads the environment when it loads: load it afresh for each test. */
    async function loadReferenceApp() {
      vi.resetModules()
      return {
        authOptions: (await import('@reference-app/lib/auth-options')).authOptions,
        me: (await import('@reference-app/pages/api/me')).default,
        account: await import('@reference-app/pages/account'),
      }
    }

    describe('with the backend at BACKEND_URL', () => {
      let restore = () => {}
      beforeEach(() => {
        restore = setEnv({
          NEXTAUTH_URL: 'http://localhost:3000',
          NEXTAUTH_SECRET: SECRET,
          BACKEND_URL: backend.url,
        })
      })
      afterEach(() => restore())

      claim(
        'protecting-pages-api-route-refused',
        'The route above answers 401 after a refused refresh as well, because getSignedInSession() returns null for that session.',
        () => {
          it('answers /api/me with the user, then 401 once the backend has refused the refresh', async () => {
            const { authOptions, me } = await loadReferenceApp()
            backend.answer('/login', { status: 200, body: tokens(1, DUE()) })
            const browser = new Browser(authOptions)
            await browser.signIn({ email: 'ada@example.com', password: 'correct horse' })
            const cookies = Object.fromEntries(browser.jar)

            backend.answer('/refresh', { status: 503, raw: 'down' })
            const during = apiExchange(cookies)
            await me(during.req as never, during.res as never)
            expect(during.res.statusCode).toBe(200)
            expect(during.res.body).toMatchObject({ user: { id: 'user-1', role: 'reader' } })

            backend.answer('/refresh', refused('invalid_token', 401))
            const after = apiExchange(cookies)
            await me(after.req as never, after.res as never)
            expect(after.res.statusCode).toBe(401)
            expect(after.res.body).toEqual({
              error: { code: 'unauthenticated', message: 'Sign in to see this.' },
            })
          })

          it('sends /account to the sign-in page after a refused refresh, with the page as callbackUrl', async () => {
            const { authOptions, account } = await loadReferenceApp()
            backend.answer('/login', { status: 200, body: tokens(1, DUE()) })
            const browser = new Browser(authOptions)
            await browser.signIn({ email: 'ada@example.com', password: 'correct horse' })
            backend.answer('/refresh', refused('invalid_token', 401))

            const { req, res } = apiExchange(Object.fromEntries(browser.jar))
            const result = await account.getServerSideProps({
              req,
              res,
              resolvedUrl: '/account?tab=roles',
              query: {},
            } as never)

            expect(result).toEqual({
              redirect: {
                destination: '/sign-in?callbackUrl=%2Faccount%3Ftab%3Droles',
                permanent: false,
              },
            })
          })
        },
      )
    })
  })
})

/** Another tab of the same browser: it starts with the same cookies, then goes its own way. */
function tabOf(browser: Browser) {
  const tab = new Browser(browser.options)
  for (const [name, value] of browser.jar) tab.jar.set(name, value)
  return tab
}

describeChapter('pages/guide/backend-tokens.mdx', () => {
  describe('the reference app against its stand-in backend', () => {
    useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })
    let standIn: Awaited<ReturnType<typeof startStandInBackend>>
    /** How far the backend's clock is ahead of the real one. */
    let ahead = 0
    // why: one backend for these tests, since it hashes the demo passwords when it starts; each
    // test signs in afresh, so each has a token family of its own.
    beforeAll(async () => {
      standIn = await startStandInBackend(() => Date.now() + ahead)
    }, STAND_IN_TIMEOUT_MS)
    afterAll(() => standIn.close())
    beforeEach(() => {
      ahead = 0
    })

    async function signedInToStandIn() {
      // why: a log-in hashes the password with scrypt, a third of a second or more.
      const browser = new Browser(referenceOptions(10_000, standIn.url))
      const answer = await browser.signIn({
        email: 'demo@example.com',
        password: 'handbook demo password',
      })
      expect(answer.body).toEqual({ url: 'http://localhost:3000' })
      expect(await tokenIn(browser)).toMatchObject({ refreshToken: expect.any(String) })
      return browser
    }

    claim(
      'backend-tokens-two-tabs',
      "This site's backend and the reference app's stand-in keep a grace window instead. A refresh token presented again within 10 seconds of its exchange gets the same successor back, with a fresh access token, as long as that successor has not been used or revoked. Both tabs end up holding the same new refresh token, so whichever cookie the browser keeps last works. A client whose answer was lost on the way (a timeout after the backend had already rotated) can retry with the same token too. Presented after the window, or after its successor was used, the old token is reuse as before, and the whole family is revoked.",
      () => {
        it(
          'keeps two tabs that refresh one token at once signed in, with the same new refresh token',
          { timeout: STAND_IN_TIMEOUT_MS },
          async () => {
            const browser = await signedInToStandIn()
            const signedInWith = (await tokenIn(browser))?.refreshToken
            const [first, second] = [tabOf(browser), tabOf(browser)]

            const answers = await Promise.all([first.session(), second.session()])

            expect(answers.map((answer) => isSignedIn(answer.body as never))).toEqual([true, true])
            const [kept, alsoKept] = [await tokenIn(first), await tokenIn(second)]
            expect(kept?.refreshToken).not.toBe(signedInWith)
            expect(alsoKept?.refreshToken).toBe(kept?.refreshToken)
            expect(alsoKept?.accessToken).not.toBe(kept?.accessToken)

            const later = await second.session()
            expect(isSignedIn(later.body as never)).toBe(true)
          },
        )

        it(
          'revokes the family when the old token comes back after the window, signing out every tab',
          { timeout: STAND_IN_TIMEOUT_MS },
          async () => {
            const browser = await signedInToStandIn()
            const copy = tabOf(browser)
            await browser.session()
            expect(isSignedIn((await browser.session()).body as never)).toBe(true)

            ahead = 11_000
            const reused = await copy.session()
            const owner = await browser.session()

            expect(reused.body).toMatchObject({ error: 'RefreshAccessTokenError' })
            expect(owner.body).toMatchObject({ error: 'RefreshAccessTokenError' })
          },
        )
      },
    )
  })
})
