import GitHubProvider from 'next-auth/providers/github'
import { getCsrfToken, getProviders, getSession } from 'next-auth/react'
import { describe, expect, it } from 'vitest'

import {
  Browser,
  callAuth,
  captureLogs,
  cookieNamed,
  tracedOptions,
  useEnv,
  withClientFetch,
} from './next-auth-harness'

describe('How NextAuth.js works chapter', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  // Chapter: How NextAuth.js works, "stores in a cookie named next-auth.session-token (on HTTPS
  // the name gets a __Secure- prefix)"
  it('keeps the session in next-auth.session-token on http and __Secure-next-auth.session-token on https', async () => {
    const onHttp = await new Browser(tracedOptions().options).signIn()
    process.env.NEXTAUTH_URL = 'https://handbook.example'
    const onHttps = await new Browser(tracedOptions().options).signIn()

    expect(cookieNamed(onHttp, 'next-auth.session-token')).toBeDefined()
    expect(cookieNamed(onHttps, '__Secure-next-auth.session-token')).toBeDefined()
    expect(cookieNamed(onHttps, 'next-auth.session-token')).toBeUndefined()
  })

  // Chapter: How NextAuth.js works, "Nothing about the session is kept on the server: every
  // request carries it"
  it('lets another server instance with the same secret read the session from the cookie alone', async () => {
    const first = new Browser(tracedOptions().options)
    await first.signIn()

    const elsewhere = new Browser(tracedOptions().options)
    for (const [name, value] of first.jar) elsewhere.jar.set(name, value)

    expect((await elsewhere.session()).body).toMatchObject({ user: { email: 'ada@example.com' } })
  })

  // Chapter: How NextAuth.js works, "Because the token is encrypted rather than only signed, the
  // browser cannot read what is inside"
  it('sends a cookie in which no part decodes to the user it carries', async () => {
    const answer = await new Browser(tracedOptions().options).signIn()
    const parts = cookieNamed(answer, 'next-auth.session-token')?.value.split('.') ?? []

    expect(parts).toHaveLength(5)
    const decoded = parts.map((part) => Buffer.from(part, 'base64url').toString('latin1'))
    expect(decoded.join('\n')).not.toContain('ada@example.com')
    expect(decoded.join('\n')).not.toContain('Ada Reader')
  })

  // Chapter: How NextAuth.js works, "the session callback ... runs whenever the session is read
  // and returns the subset you choose to expose"
  it('answers a session read with exactly what the session callback returns', async () => {
    const { options } = tracedOptions({
      callbacks: { session: ({ session }) => ({ ...session, user: { name: session.user.name } }) },
    })
    const browser = new Browser(options)
    await browser.signIn()

    const { body } = await browser.session()
    expect(body).toEqual({ user: { name: 'Ada Reader' }, expires: expect.any(String) })
  })

  // Chapter: How NextAuth.js works, "GET /api/auth/csrf | a fresh CSRF token (and its cookie)"
  it('answers GET csrf with a token in the body and the same token in its cookie', async () => {
    const answer = await callAuth(tracedOptions().options, { path: '/api/auth/csrf' })
    const { csrfToken } = answer.body as { csrfToken: string }
    expect(csrfToken).toMatch(/^[0-9a-f]{64}$/)
    expect(cookieNamed(answer, 'next-auth.csrf-token')?.value.split('|')[0]).toBe(csrfToken)
  })

  // Chapter: How NextAuth.js works, "GET /api/auth/providers | the configured providers"
  it('lists the configured providers at GET providers, and getProviders() returns them', async () => {
    const browser = new Browser(tracedOptions().options)
    const providers = await withClientFetch(browser, () => getProviders())
    expect(providers).toEqual({
      login: {
        id: 'login',
        name: 'Credentials',
        type: 'credentials',
        signinUrl: 'http://localhost:3000/api/auth/signin/login',
        callbackUrl: 'http://localhost:3000/api/auth/callback/login',
      },
    })
  })

  // Chapter: How NextAuth.js works, "getCsrfToken() | the token that every POST to NextAuth must
  // carry"
  it('returns from getCsrfToken() a token that a credentials POST is accepted with', async () => {
    const { options, steps } = tracedOptions()
    const browser = new Browser(options)
    const csrfToken = await withClientFetch(browser, () => getCsrfToken())

    await browser.signIn(undefined, { csrfToken })
    expect(steps()).toContain('authorize')
  })

  // Chapter: How NextAuth.js works, "getSession() | reads the session once, outside React" and
  // "POST /api/auth/signout | ends the session"
  it('reads the session with getSession(), and finds none after POST signout', async () => {
    const browser = new Browser(tracedOptions().options)
    await browser.signIn()
    const before = await withClientFetch(browser, () => getSession())

    const csrfToken = await browser.csrfToken()
    const signout = await browser.request({
      method: 'POST',
      path: '/api/auth/signout',
      body: { csrfToken },
    })
    const after = await withClientFetch(browser, () => getSession())

    expect(before).toMatchObject({ user: { email: 'ada@example.com' } })
    expect(cookieNamed(signout, 'next-auth.session-token')?.options.maxAge).toBe(0)
    expect(after).toBeNull()
  })

  // Chapter: How NextAuth.js works, "GET /api/auth/signin | NextAuth's built-in sign-in page"
  it('serves an HTML sign-in page whose form posts to the provider callback', async () => {
    const answer = await callAuth(tracedOptions().options, { path: '/api/auth/signin' })
    expect(answer.headers['Content-Type']).toBe('text/html')
    expect(answer.body).toContain('action="http://localhost:3000/api/auth/callback/login"')
  })

  // Chapter: How NextAuth.js works, "NextAuth refuses to combine it with database sessions"
  it('refuses database sessions when every provider is a Credentials provider', async () => {
    const logs = captureLogs()
    const options = { ...tracedOptions().options, session: { strategy: 'database' as const } }
    const answer = await callAuth(options, { path: '/api/auth/session' })
    logs.restore()
    expect(answer.status).toBe(500)
  })

  // The chapter's sentence holds only while Credentials is alone: next to an OAuth provider the
  // combination is accepted (see the troubleshooting tests for what then goes wrong).
  it('accepts database sessions with Credentials when an OAuth provider is configured too', async () => {
    const base = tracedOptions().options
    const options = {
      ...base,
      providers: [...base.providers, GitHubProvider({ clientId: 'id', clientSecret: 'secret' })],
      session: { strategy: 'database' as const },
    }
    const answer = await callAuth(options, { path: '/api/auth/csrf' })
    expect(answer.status).toBe(200)
  })
})
