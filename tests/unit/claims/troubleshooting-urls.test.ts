import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import {
  Browser,
  callAuth,
  callsOf,
  captureLogs,
  clientSignIn,
  loadAuthHandler,
  OTHER_SECRET,
  readToken,
  setEnv,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

const PROXY_HEADERS = { host: 'app:3000', 'x-forwarded-host': 'evil.example' }

describe('Troubleshooting chapter: the wrong host', () => {
  useEnv({ NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: undefined, VERCEL: undefined })

  // Chapter: Troubleshooting, "NextAuth builds the absolute URLs it hands out from NEXTAUTH_URL
  // ... When the variable is set, NextAuth ignores the Host header of the request entirely"
  it('builds the redirect, the signIn() url and the redirect baseUrl from NEXTAUTH_URL, whatever the Host says', async () => {
    const restore = setEnv({ NEXTAUTH_URL: 'https://app.example.com', AUTH_TRUST_HOST: 'true' })
    try {
      const { options, trace } = tracedOptions()
      const browser = new Browser(options)
      const csrfToken = await browser.csrfToken()

      const answer = await browser.request({
        method: 'POST',
        path: '/api/auth/callback/login',
        headers: PROXY_HEADERS,
        body: { csrfToken, callbackUrl: '/lab', json: 'true' },
      })

      expect(answer.body).toEqual({ url: 'https://app.example.com/lab' })
      expect(callsOf(trace, 'redirect')[0]).toMatchObject({ baseUrl: 'https://app.example.com' })
    } finally {
      restore()
    }
  })

  // Chapter: Troubleshooting, "When it is not set, NextAuth falls back to http://localhost:3000
  // and prints the NEXTAUTH_URL warning once"
  it('falls back to http://localhost:3000 without NEXTAUTH_URL and warns about it once', async () => {
    const logs = captureLogs()
    const handler = loadAuthHandler({ fresh: true })
    const { options } = tracedOptions()

    const first = await callAuth(options, { path: '/api/auth/providers' }, handler)
    await callAuth(options, { path: '/api/auth/providers' }, handler)
    logs.restore()

    expect(first.body).toMatchObject({
      login: { callbackUrl: 'http://localhost:3000/api/auth/callback/login' },
    })
    expect(logs.warnings()).toEqual(['[next-auth][warn][NEXTAUTH_URL]'])
  })

  // Chapter: Troubleshooting, "NextAuth reads any other path in the URL as the place where its
  // own routes live"
  it('serves its routes under the path of NEXTAUTH_URL', async () => {
    const restore = setEnv({ NEXTAUTH_URL: 'https://example.com/docs/api/auth' })
    try {
      const { body } = await callAuth(tracedOptions().options, { path: '/api/auth/providers' })
      expect(body).toMatchObject({
        login: {
          signinUrl: 'https://example.com/docs/api/auth/signin/login',
          callbackUrl: 'https://example.com/docs/api/auth/callback/login',
        },
      })
    } finally {
      restore()
    }
  })

  // Chapter: Troubleshooting, "NextAuth v4 can also take the origin from X-Forwarded-Host when
  // AUTH_TRUST_HOST is set ... a client that reaches the server without your proxy can name any
  // host it likes"
  it('takes the origin from X-Forwarded-Host with AUTH_TRUST_HOST and no NEXTAUTH_URL', async () => {
    const restore = setEnv({ AUTH_TRUST_HOST: 'true' })
    try {
      const { body } = await callAuth(tracedOptions().options, {
        path: '/api/auth/providers',
        headers: PROXY_HEADERS,
      })
      expect(body).toMatchObject({
        login: { signinUrl: 'https://evil.example/api/auth/signin/login' },
      })
    } finally {
      restore()
    }
  })

  // Chapter: Troubleshooting, "but getToken() ... still read[s] NEXTAUTH_URL"
  it('leaves getToken() looking for the unprefixed cookie when only the forwarded origin is https', async () => {
    const restore = setEnv({ AUTH_TRUST_HOST: 'true' })
    try {
      const { options } = tracedOptions()
      const browser = new Browser(options)
      const csrfToken = await browser.csrfToken()
      await browser.request({
        method: 'POST',
        path: '/api/auth/callback/login',
        headers: { 'x-forwarded-host': 'app.example.com', 'x-forwarded-proto': 'https' },
        body: { csrfToken, json: 'true' },
      })
      const cookies = Object.fromEntries(browser.jar)

      expect(Object.keys(cookies)).toContain('__Secure-next-auth.session-token')
      expect(await readToken(cookies, options.secret)).toBeNull()
    } finally {
      restore()
    }
  })
})

describe('Troubleshooting chapter: the CSRF bounce', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  let logs: ReturnType<typeof captureLogs>
  beforeEach(() => {
    logs = captureLogs()
  })
  afterEach(() => logs.restore())

  // Chapter: Troubleshooting, "NextAuth refused the POST because its CSRF check failed, and it
  // did not run authorize() at all ... version 4 has no error code for it"
  it('bounces to signin?csrf=true without running authorize or logging anything', async () => {
    const { options, steps } = tracedOptions()
    const answer = await callAuth(options, {
      method: 'POST',
      path: '/api/auth/callback/login',
      body: { email: 'ada@example.com', password: 'pw' },
    })

    expect(answer.location).toBe('http://localhost:3000/api/auth/signin?csrf=true')
    expect(steps()).not.toContain('authorize')
    expect([
      ...logs.errors(),
      ...logs.warnings().filter((line) => !line.includes('NO_SECRET')),
    ]).toEqual([])
  })

  // Chapter: Troubleshooting, "It redirects to its own sign-in page with ?csrf=true and shows no
  // message"
  it('renders the sign-in page at ?csrf=true without an error message, and with one for ?error', async () => {
    const { options } = tracedOptions()
    const bounced = await callAuth(options, { path: '/api/auth/signin?csrf=true' })
    const failed = await callAuth(options, { path: '/api/auth/signin?error=CredentialsSignin' })
    expect(bounced.body).not.toContain('class="error"')
    expect(failed.body).toContain('class="error"')
  })

  // Chapter: Troubleshooting, "signIn() resolves with ok: true, status: 200, error: null and a url
  // that ends in /api/auth/signin?csrf=true, and no session"
  it('resolves signIn() to ok with the csrf=true url, and no session, when the cookie never arrives', async () => {
    const { options, steps } = tracedOptions()
    const browser = new Browser(options, { acceptCookies: false })

    const result = await clientSignIn(browser, 'login', { redirect: false, callbackUrl: '/' })

    expect(result).toEqual({
      ok: true,
      status: 200,
      error: null,
      url: 'http://localhost:3000/api/auth/signin?csrf=true',
    })
    expect(steps()).not.toContain('authorize')
  })

  // Chapter: Troubleshooting, "The secret changed between the two requests ... Instances behind
  // one load balancer with different secrets reject each other's cookies"
  it('bounces a POST whose CSRF cookie was issued under another secret', async () => {
    const { options, steps } = tracedOptions()
    const browser = new Browser(options)
    const csrfToken = await browser.csrfToken()
    browser.options = { ...options, secret: OTHER_SECRET }

    const answer = await browser.signIn(undefined, { csrfToken })

    expect(answer.body).toEqual({ url: 'http://localhost:3000/api/auth/signin?csrf=true' })
    expect(steps()).not.toContain('authorize')
  })

  // Chapter: Troubleshooting, "So does a development server without a secret after you edit the
  // configuration, because NextAuth then derives the secret from the configuration"
  it('bounces a POST after the configuration of a server without a secret changed', async () => {
    const { secret: _omitted, ...options } = tracedOptions().options
    const browser = new Browser(options)
    await browser.request({ path: '/api/auth/providers' })
    const csrfToken = await browser.csrfToken()
    browser.options = { ...options, debug: false, theme: { colorScheme: 'dark' } }

    const answer = await browser.signIn(undefined, { csrfToken })

    expect(answer.body).toEqual({ url: 'http://localhost:3000/api/auth/signin?csrf=true' })
  })

  // Chapter: Troubleshooting, "An export const config = { api: { bodyParser: false } } ... leaves
  // NextAuth without csrfToken"
  it('bounces a POST that reaches NextAuth without a parsed body', async () => {
    const { options, steps } = tracedOptions()
    const browser = new Browser(options)
    await browser.csrfToken()

    const answer = await browser.request({ method: 'POST', path: '/api/auth/callback/login' })

    expect(answer.location).toBe('http://localhost:3000/api/auth/signin?csrf=true')
    expect(steps()).not.toContain('authorize')
  })

  // Chapter: Troubleshooting, the curl example: "The answer is {"url":"http://localhost:3000"} and
  // the jar now holds next-auth.session-token. Leave out the csrfToken line and the answer
  // becomes {"url":"http://localhost:3000/api/auth/signin?csrf=true"}"
  it('answers the two curl posts of the chapter as it says', async () => {
    const fields = { email: 'demo@example.com', password: 'handbook demo password', json: 'true' }
    const withToken = new Browser(tracedOptions().options)
    const csrfToken = await withToken.csrfToken()
    const signedIn = await withToken.request({
      method: 'POST',
      path: '/api/auth/callback/login',
      body: { csrfToken, ...fields },
    })
    const withoutToken = new Browser(tracedOptions().options)
    await withoutToken.csrfToken()
    const bounced = await withoutToken.request({
      method: 'POST',
      path: '/api/auth/callback/login',
      body: fields,
    })

    expect(signedIn.body).toEqual({ url: 'http://localhost:3000' })
    expect(withToken.jar.has('next-auth.session-token')).toBe(true)
    expect(bounced.body).toEqual({ url: 'http://localhost:3000/api/auth/signin?csrf=true' })
    expect(withoutToken.jar.has('next-auth.session-token')).toBe(false)
  })
})
