import { decode } from 'next-auth/jwt'
import GitHubProvider from 'next-auth/providers/github'
import { signOut } from 'next-auth/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import {
  Browser,
  callAuth,
  callsOf,
  clientSignIn,
  cookieNamed,
  inSessionProvider,
  LOGIN_PAGE,
  readServerSession,
  SECRET,
  setCookieLine,
  setEnv,
  tracedOptions,
  useEnv,
  withClientFetch,
} from './next-auth-harness'

const THIRTY_DAYS = 30 * 24 * 60 * 60
const HOUR_MS = 60 * 60 * 1000

function expectFlags(line: string | undefined, { secure }: { secure: boolean }) {
  const attributes = (line ?? '').split('; ').slice(1)
  expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']))
  expect(attributes.includes('Secure')).toBe(secure)
  expect(attributes.some((attribute) => /^Domain=/i.test(attribute))).toBe(false)
}

/** The cookies a CSRF request and a sign-in set at `siteUrl`, by name, with their Set-Cookie lines. */
async function signInCookies(siteUrl: string) {
  const restore = setEnv({ NEXTAUTH_URL: siteUrl })
  try {
    const browser = new Browser(tracedOptions().options)
    const csrf = await browser.request({ path: '/api/auth/csrf' })
    const signedIn = await browser.signIn()
    const line = (name: string) => setCookieLine(csrf, name) ?? setCookieLine(signedIn, name)
    return { jar: browser.jar, line, csrfToken: (csrf.body as { csrfToken: string }).csrfToken }
  } finally {
    restore()
  }
}

describeChapter('pages/guide/security-checklist.mdx', () => {
  describe('CSRF', () => {
    useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

    claim(
      'security-csrf-callback',
      'POST /api/auth/callback/<id> (Credentials) | redirect to /api/auth/signin?csrf=true; authorize() never runs',
      () => {
        it('bounces a credentials POST without a valid token to signin?csrf=true without calling authorize', async () => {
          const { options, steps } = tracedOptions()
          const browser = new Browser(options)
          await browser.csrfToken()

          const missing = await browser.signIn(undefined, { csrfToken: '' })
          const wrong = await browser.signIn(undefined, { csrfToken: 'f'.repeat(64) })

          for (const answer of [missing, wrong]) {
            expect(answer.body).toEqual({ url: 'http://localhost:3000/api/auth/signin?csrf=true' })
          }
          expect(steps()).not.toContain('authorize')
        })
      },
    )

    claim(
      'security-csrf-oauth-signin',
      'POST /api/auth/signin/<id> (OAuth and email providers) | redirect to /api/auth/signin?csrf=true',
      () => {
        it('bounces an OAuth sign-in POST without a token to signin?csrf=true', async () => {
          const github = GitHubProvider({ clientId: 'id', clientSecret: 'secret' })
          const answer = await callAuth(
            { secret: SECRET, providers: [github] },
            { method: 'POST', path: '/api/auth/signin/github', body: {} },
          )
          expect(answer.location).toBe('http://localhost:3000/api/auth/signin?csrf=true')
        })
      },
    )

    claim(
      'security-csrf-signout',
      'POST /api/auth/signout | redirect to /api/auth/signout?csrf=true; the session stays',
      () => {
        it('bounces a sign-out POST without a token to signout?csrf=true and keeps the session', async () => {
          const browser = new Browser(tracedOptions().options)
          await browser.signIn()

          const answer = await browser.request({
            method: 'POST',
            path: '/api/auth/signout',
            body: {},
          })

          expect(answer.location).toBe('http://localhost:3000/api/auth/signout?csrf=true')
          expect(cookieNamed(answer, 'next-auth.session-token')).toBeUndefined()
          expect((await browser.session()).body).toMatchObject({ user: { name: 'Ada Reader' } })
        })
      },
    )

    claim(
      'security-csrf-update',
      'POST /api/auth/session (update()) | 400 with {} as the body; jwt does not run',
      () => {
        it('answers an update POST without a token with 400 and {}, without running jwt', async () => {
          const { options, steps } = tracedOptions()
          const browser = new Browser(options)
          await browser.signIn()
          const jwtRuns = steps().filter((name) => name === 'jwt').length

          const answer = await browser.request({
            method: 'POST',
            path: '/api/auth/session',
            body: { data: { name: 'Mallory' } },
          })

          expect(answer).toMatchObject({ status: 400, body: {} })
          expect(steps().filter((name) => name === 'jwt').length).toBe(jwtRuns)
        })
      },
    )

    claim(
      'security-csrf-client-sends-token',
      'signIn(), signOut() and update() fetch the token and send it for you.',
      () => {
        it('lets the real signOut() fetch a token, pass the check and clear the session cookie', async () => {
          const browser = new Browser(tracedOptions().options)
          await browser.signIn()
          browser.requests.length = 0

          await withClientFetch(browser, () => signOut({ redirect: false, callbackUrl: '/' }))

          expect(browser.requests).toEqual(['GET /api/auth/csrf', 'POST /api/auth/signout'])
          expect(browser.jar.has('next-auth.session-token')).toBe(false)
        })

        it('lets the real signIn() fetch a token and pass the check', async () => {
          const { options, steps } = tracedOptions()
          const browser = new Browser(options)

          await clientSignIn(browser, 'login', { redirect: false, callbackUrl: '/' })

          expect(browser.requests.slice(1)).toEqual([
            'GET /api/auth/csrf',
            'POST /api/auth/callback/login',
          ])
          expect(steps()).toContain('authorize')
        })

        it('lets the real update() fetch a token and pass the check', async () => {
          const { options, trace } = tracedOptions()
          const browser = new Browser(options)
          await browser.signIn()

          await inSessionProvider(browser, LOGIN_PAGE, async (useSessionNow) => {
            browser.requests.length = 0
            trace.length = 0
            await useSessionNow().update({ name: 'Ada Renamed' })
          })

          expect(browser.requests).toEqual(['GET /api/auth/csrf', 'POST /api/auth/session'])
          expect(callsOf(trace, 'jwt')[0]).toMatchObject({ trigger: 'update' })
        })
      },
    )
  })

  describe('cookies', () => {
    useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

    claim(
      'security-cookie-flags',
      'NextAuth sets three cookies in a Credentials sign-in. All of them are HttpOnly, SameSite=Lax and Path=/:',
      () => {
        it('sets exactly three cookies, each HttpOnly, SameSite=Lax and Path=/, on http and on https', async () => {
          for (const siteUrl of ['http://localhost:3000', 'https://handbook.example']) {
            const { jar, line } = await signInCookies(siteUrl)
            expect(jar.size).toBe(3)
            for (const name of jar.keys()) {
              expectFlags(line(name), { secure: siteUrl.startsWith('https:') })
            }
          }
        })
      },
    )

    claim(
      'security-cookie-session',
      'next-auth.session-token | __Secure-next-auth.session-token | the encrypted session (JWT)',
      () => {
        it('names the session cookie by scheme and fills it with a JWE', async () => {
          const onHttp = await signInCookies('http://localhost:3000')
          const onHttps = await signInCookies('https://handbook.example')

          expect(onHttp.jar.get('next-auth.session-token')?.split('.')).toHaveLength(5)
          expect(onHttps.jar.get('__Secure-next-auth.session-token')?.split('.')).toHaveLength(5)
        })
      },
    )

    claim(
      'security-cookie-csrf',
      'next-auth.csrf-token | __Host-next-auth.csrf-token | the CSRF token and its hash',
      () => {
        it('names the CSRF cookie by scheme and fills it with the token, a |, and a hash', async () => {
          const onHttp = await signInCookies('http://localhost:3000')
          const onHttps = await signInCookies('https://handbook.example')

          const cookieOf = (value: string | undefined) => value?.split('|')
          expect(cookieOf(onHttp.jar.get('next-auth.csrf-token'))).toEqual([
            onHttp.csrfToken,
            expect.stringMatching(/^[0-9a-f]{64}$/),
          ])
          expect(cookieOf(onHttps.jar.get('__Host-next-auth.csrf-token'))?.[0]).toBe(
            onHttps.csrfToken,
          )
        })
      },
    )

    claim(
      'security-cookie-callback-url',
      'next-auth.callback-url | __Secure-next-auth.callback-url | where to send the reader after signing in',
      () => {
        it('names the callback-URL cookie by scheme and fills it with the callback URL', async () => {
          const onHttp = await signInCookies('http://localhost:3000')
          const onHttps = await signInCookies('https://handbook.example')

          expect(onHttp.jar.get('next-auth.callback-url')).toBe('http://localhost:3000')
          expect(onHttps.jar.get('__Secure-next-auth.callback-url')).toBe(
            'https://handbook.example',
          )
        })
      },
    )

    claim(
      'security-cookie-secure-prefixes',
      'Secure and the prefixes: NextAuth adds Secure and the __Secure- and __Host- prefixes when NEXTAUTH_URL starts with https:// (the useSecureCookies option overrides that).',
      () => {
        it('adds Secure and the prefixes on https, and leaves both off on http', async () => {
          const onHttp = await signInCookies('http://localhost:3000')
          const onHttps = await signInCookies('https://handbook.example')

          expect([...onHttp.jar.keys()].every((name) => !name.startsWith('__'))).toBe(true)
          expect([...onHttps.jar.keys()].sort()).toEqual([
            '__Host-next-auth.csrf-token',
            '__Secure-next-auth.callback-url',
            '__Secure-next-auth.session-token',
          ])
          for (const name of onHttps.jar.keys()) expectFlags(onHttps.line(name), { secure: true })
        })

        it('drops the prefixes and Secure on https when useSecureCookies is false', async () => {
          const restore = setEnv({ NEXTAUTH_URL: 'https://handbook.example' })
          try {
            const options = { ...tracedOptions().options, useSecureCookies: false }
            const answer = await callAuth(options, { path: '/api/auth/csrf' })
            expectFlags(setCookieLine(answer, 'next-auth.csrf-token'), { secure: false })
          } finally {
            restore()
          }
        })

        it('adds the prefixes and Secure on http when useSecureCookies is true', async () => {
          const options = { ...tracedOptions().options, useSecureCookies: true }
          const answer = await callAuth(options, { path: '/api/auth/csrf' })
          expectFlags(setCookieLine(answer, '__Host-next-auth.csrf-token'), { secure: true })
        })
      },
    )

    claim(
      'security-cookie-host-no-domain',
      'The browser then accepts those cookies only over HTTPS, and a __Host- cookie only without a Domain and with Path=/, so a sibling subdomain cannot plant one.',
      () => {
        it('sets the __Host- cookie without a Domain and with Path=/', async () => {
          const { line } = await signInCookies('https://handbook.example')
          const attributes = (line('__Host-next-auth.csrf-token') ?? '').split('; ')
          expect(attributes).toContain('Path=/')
          expect(attributes.some((attribute) => /^Domain=/i.test(attribute))).toBe(false)
        })
      },
    )
  })

  describe('session lifetime', () => {
    useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })
    afterEach(() => {
      vi.useRealTimers()
    })

    claim('security-default-max-age', "NextAuth's default session.maxAge is 30 days.", () => {
      it('gives a session without maxAge a cookie and a token that last 2,592,000 seconds', async () => {
        vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') })
        const answer = await new Browser(tracedOptions().options).signIn()

        const cookie = cookieNamed(answer, 'next-auth.session-token')
        expect(cookie?.options.expires).toEqual(new Date(Date.now() + THIRTY_DAYS * 1000))
        const token = await decode({ token: cookie?.value, secret: SECRET })
        expect(Number(token?.exp) - Number(token?.iat)).toBe(THIRTY_DAYS)
      })
    })

    claim(
      'security-jwt-max-age-default',
      'The JWT inside the cookie carries an expiry of its own, and the token sealed at sign-in takes it from jwt.maxAge, which is 30 days when left unset, whatever session.maxAge says.',
      () => {
        const EIGHT_HOURS = 8 * 60 * 60
        const lifetimeAtSignIn = async (options: Parameters<typeof tracedOptions>[0]) => {
          const answer = await new Browser(tracedOptions(options).options).signIn()
          const cookie = cookieNamed(answer, 'next-auth.session-token')
          const token = await decode({ token: cookie?.value, secret: SECRET })
          const cookieSeconds = ((cookie?.options.expires as Date).getTime() - Date.now()) / 1000
          return { token: Number(token?.exp) - Number(token?.iat), cookie: cookieSeconds }
        }

        it('seals the sign-in token for 30 days under an 8-hour cookie when jwt.maxAge is unset', async () => {
          vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') })
          expect(await lifetimeAtSignIn({ session: { maxAge: EIGHT_HOURS } })).toEqual({
            token: THIRTY_DAYS,
            cookie: EIGHT_HOURS,
          })
        })

        it('seals it for jwt.maxAge when that is set', async () => {
          vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') })
          const lifetimes = await lifetimeAtSignIn({
            session: { maxAge: EIGHT_HOURS },
            jwt: { maxAge: EIGHT_HOURS },
          })
          expect(lifetimes).toEqual({ token: EIGHT_HOURS, cookie: EIGHT_HOURS })
        })
      },
    )

    claim(
      'security-sliding-expiry',
      'With JWT sessions the lifetime slides: every read of the session (GET /api/auth/session, or getServerSession() in an API route or getServerSideProps) re-issues the cookie with a fresh expiry of now plus maxAge.',
      () => {
        it('re-issues the cookie with now plus maxAge on every GET of the session', async () => {
          vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') })
          const maxAge = 8 * 60 * 60
          const browser = new Browser(tracedOptions({ session: { maxAge } }).options)
          await browser.signIn()

          for (const hoursLater of [1, 5]) {
            vi.setSystemTime(new Date('2030-01-01T00:00:00Z').getTime() + hoursLater * HOUR_MS)
            const answer = await browser.session()
            const expected = new Date(Date.now() + maxAge * 1000)
            expect(cookieNamed(answer, 'next-auth.session-token')?.options.expires).toEqual(
              expected,
            )
            expect(answer.body).toMatchObject({ expires: expected.toISOString() })
          }
        })

        it('re-issues the cookie with now plus maxAge when getServerSession reads the session', async () => {
          vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') })
          const { options } = tracedOptions()
          const browser = new Browser(options)
          await browser.signIn()
          vi.setSystemTime(new Date('2030-01-02T00:00:00Z'))

          const { session, setCookie } = await readServerSession(
            options,
            Object.fromEntries(browser.jar),
          )

          const expires = new Date(Date.now() + THIRTY_DAYS * 1000)
          expect(session?.expires).toBe(expires.toISOString())
          expect(setCookie.find((line) => line.startsWith('next-auth.session-token='))).toContain(
            `Expires=${expires.toUTCString()}`,
          )
        })
      },
    )
  })
})
