import { decode } from 'next-auth/jwt'
import GitHubProvider from 'next-auth/providers/github'
import { signOut } from 'next-auth/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  Browser,
  callAuth,
  cookieNamed,
  readServerSession,
  SECRET,
  setCookieLine,
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

describe('Security checklist chapter: CSRF', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  // Chapter: Security checklist, "POST /api/auth/callback/<id> (Credentials) | redirect to
  // /api/auth/signin?csrf=true; authorize() never runs"
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

  // Chapter: Security checklist, "POST /api/auth/signin/<id> (OAuth and email providers) |
  // redirect to /api/auth/signin?csrf=true"
  it('bounces an OAuth sign-in POST without a token to signin?csrf=true', async () => {
    const github = GitHubProvider({ clientId: 'id', clientSecret: 'secret' })
    const answer = await callAuth(
      { secret: SECRET, providers: [github] },
      { method: 'POST', path: '/api/auth/signin/github', body: {} },
    )
    expect(answer.location).toBe('http://localhost:3000/api/auth/signin?csrf=true')
  })

  // Chapter: Security checklist, "POST /api/auth/signout | redirect to
  // /api/auth/signout?csrf=true; the session stays"
  it('bounces a sign-out POST without a token to signout?csrf=true and keeps the session', async () => {
    const browser = new Browser(tracedOptions().options)
    await browser.signIn()

    const answer = await browser.request({ method: 'POST', path: '/api/auth/signout', body: {} })

    expect(answer.location).toBe('http://localhost:3000/api/auth/signout?csrf=true')
    expect(cookieNamed(answer, 'next-auth.session-token')).toBeUndefined()
    expect((await browser.session()).body).toMatchObject({ user: { name: 'Ada Reader' } })
  })

  // Chapter: Security checklist, "POST /api/auth/session (update()) | 400 with {} as the body;
  // jwt does not run"
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

  // Chapter: Security checklist, "signIn(), signOut() and update() fetch the token and send it
  // for you"
  it('lets the real signOut() fetch a token, pass the check and clear the session cookie', async () => {
    const browser = new Browser(tracedOptions().options)
    await browser.signIn()
    browser.requests.length = 0

    await withClientFetch(browser, () => signOut({ redirect: false, callbackUrl: '/' }))

    expect(browser.requests).toEqual(['GET /api/auth/csrf', 'POST /api/auth/signout'])
    expect(browser.jar.has('next-auth.session-token')).toBe(false)
  })
})

describe('Security checklist chapter: cookies', () => {
  // Chapter: Security checklist, "NextAuth sets three cookies in a Credentials sign-in. All of
  // them are HttpOnly, SameSite=Lax and Path=/"
  describe('on http', () => {
    useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

    it('sets next-auth.csrf-token, next-auth.callback-url and next-auth.session-token, HttpOnly, Lax, Path=/, not Secure', async () => {
      const browser = new Browser(tracedOptions().options)
      const csrf = await browser.request({ path: '/api/auth/csrf' })
      const signIn = await browser.signIn()
      const names = ['next-auth.csrf-token', 'next-auth.callback-url', 'next-auth.session-token']

      expect([...browser.jar.keys()].sort()).toEqual([...names].sort())
      for (const name of names) {
        expectFlags(setCookieLine(csrf, name) ?? setCookieLine(signIn, name), { secure: false })
      }
    })
  })

  describe('on https', () => {
    useEnv({ NEXTAUTH_URL: 'https://handbook.example', NEXTAUTH_SECRET: undefined })

    // Chapter: Security checklist, "__Secure-next-auth.session-token | __Host-next-auth.csrf-token |
    // __Secure-next-auth.callback-url" and "a __Host- cookie only without a Domain and with Path=/"
    it('prefixes the names, adds Secure, and gives the __Host- cookie no Domain', async () => {
      const browser = new Browser(tracedOptions().options)
      const csrf = await browser.request({ path: '/api/auth/csrf' })
      const signIn = await browser.signIn()
      const names = [
        '__Host-next-auth.csrf-token',
        '__Secure-next-auth.callback-url',
        '__Secure-next-auth.session-token',
      ]

      expect([...browser.jar.keys()].sort()).toEqual([...names].sort())
      for (const name of names) {
        expectFlags(setCookieLine(csrf, name) ?? setCookieLine(signIn, name), { secure: true })
      }
    })

    // Chapter: Security checklist, "NextAuth adds Secure and the prefixes when NEXTAUTH_URL starts
    // with https:// (the useSecureCookies option overrides that)"
    it('drops the prefixes and Secure when useSecureCookies is false', async () => {
      const options = { ...tracedOptions().options, useSecureCookies: false }
      const answer = await callAuth(options, { path: '/api/auth/csrf' })
      expectFlags(setCookieLine(answer, 'next-auth.csrf-token'), { secure: false })
    })
  })

  describe('useSecureCookies on http', () => {
    useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

    it('adds the prefixes and Secure when useSecureCookies is true', async () => {
      const options = { ...tracedOptions().options, useSecureCookies: true }
      const answer = await callAuth(options, { path: '/api/auth/csrf' })
      expectFlags(setCookieLine(answer, '__Host-next-auth.csrf-token'), { secure: true })
    })
  })
})

describe('Security checklist chapter: session lifetime', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })
  afterEach(() => {
    vi.useRealTimers()
  })

  // Chapter: Security checklist, "NextAuth's default session.maxAge is 30 days"
  it('gives a session without maxAge a cookie and a token that last 2,592,000 seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') })
    const answer = await new Browser(tracedOptions().options).signIn()

    const cookie = cookieNamed(answer, 'next-auth.session-token')
    expect(cookie?.options.expires).toEqual(new Date(Date.now() + THIRTY_DAYS * 1000))
    const token = await decode({ token: cookie?.value, secret: SECRET })
    expect(Number(token?.exp) - Number(token?.iat)).toBe(THIRTY_DAYS)
  })

  // Chapter: Security checklist, "every read of the session (GET /api/auth/session ...)
  // re-issues the cookie with a fresh expiry of now plus maxAge"
  it('re-issues the cookie with now plus maxAge on every GET of the session', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') })
    const maxAge = 8 * 60 * 60
    const browser = new Browser(tracedOptions({ session: { maxAge } }).options)
    await browser.signIn()

    for (const hoursLater of [1, 5]) {
      vi.setSystemTime(new Date('2030-01-01T00:00:00Z').getTime() + hoursLater * HOUR_MS)
      const answer = await browser.session()
      const expected = new Date(Date.now() + maxAge * 1000)
      expect(cookieNamed(answer, 'next-auth.session-token')?.options.expires).toEqual(expected)
      expect(answer.body).toMatchObject({ expires: expected.toISOString() })
    }
  })

  // Chapter: Security checklist, "or getServerSession() in an API route or getServerSideProps"
  it('re-issues the cookie with now plus maxAge when getServerSession reads the session', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') })
    const { options } = tracedOptions()
    const browser = new Browser(options)
    await browser.signIn()
    vi.setSystemTime(new Date('2030-01-02T00:00:00Z'))

    const { session, setCookie } = await readServerSession(options, Object.fromEntries(browser.jar))

    const expires = new Date(Date.now() + THIRTY_DAYS * 1000)
    expect(session?.expires).toBe(expires.toISOString())
    expect(setCookie.find((line) => line.startsWith('next-auth.session-token='))).toContain(
      `Expires=${expires.toUTCString()}`,
    )
  })
})
