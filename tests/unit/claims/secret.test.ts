import { createHash, hkdfSync } from 'node:crypto'

import { decodeProtectedHeader, jwtDecrypt } from 'jose'
import { decode } from 'next-auth/jwt'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import {
  Browser,
  callAuth,
  captureLogs,
  cookieNamed,
  loadAuthHandler,
  OTHER_SECRET,
  readToken,
  SECRET,
  SESSION_COOKIE,
  setEnv,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

const CSRF_COOKIE = 'next-auth.csrf-token'
const CONFIG_MESSAGE =
  'There is a problem with the server configuration. Check the server logs for more information.'

async function signedInBrowser() {
  const browser = new Browser(tracedOptions().options)
  await browser.signIn()
  return browser
}

describe('The secret chapter', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  let logs: ReturnType<typeof captureLogs>
  beforeEach(() => {
    logs = captureLogs()
  })
  afterEach(() => logs.restore())

  // Chapter: The secret, "the session cookie holds an encrypted JWT (a JWE, using A256GCM)"
  it('seals the session cookie as a JWE with direct encryption and A256GCM', async () => {
    const browser = await signedInBrowser()
    const cookie = browser.jar.get(SESSION_COOKIE) ?? ''
    expect(decodeProtectedHeader(cookie)).toEqual({ alg: 'dir', enc: 'A256GCM' })
    expect(cookie.split('.')).toHaveLength(5)
  })

  // Chapter: The secret, "it derives a 32-byte key from it with HKDF-SHA256"
  it('opens with a 32-byte HKDF-SHA256 key derived from the secret, and not with the secret itself', async () => {
    const browser = await signedInBrowser()
    const cookie = browser.jar.get(SESSION_COOKIE) ?? ''
    // why: next-auth's info string, empty salt; re-deriving it here is the point of the claim.
    const key = new Uint8Array(
      hkdfSync('sha256', SECRET, '', 'NextAuth.js Generated Encryption Key', 32),
    )

    const { payload } = await jwtDecrypt(cookie, key)
    expect(payload).toMatchObject({ email: 'ada@example.com' })
    const rawKey = new TextEncoder().encode(SECRET).slice(0, 32)
    await expect(jwtDecrypt(cookie, rawKey)).rejects.toThrow()
  })

  // Chapter: The secret, "a cookie that was altered, or sealed with a different secret, fails to
  // decrypt and counts as no session at all"
  it('answers an empty session for an altered cookie', async () => {
    const browser = await signedInBrowser()
    const parts = (browser.jar.get(SESSION_COOKIE) ?? '').split('.')
    // why: the first character of the ciphertext carries six whole bits; the last may not.
    const ciphertext = parts[3] ?? ''
    parts[3] = (ciphertext.startsWith('A') ? 'B' : 'A') + ciphertext.slice(1)
    browser.jar.set(SESSION_COOKIE, parts.join('.'))

    expect((await browser.session()).body).toEqual({})
  })

  // Chapter: The secret, "Changing the secret ... GET /api/auth/session answers with an empty
  // session" and "An instance with a different one cannot decrypt the cookies the others issued"
  it('answers an empty session and clears the cookie under another secret, where getToken finds nothing', async () => {
    const browser = await signedInBrowser()
    const cookies = Object.fromEntries(browser.jar)
    browser.options = { ...browser.options, secret: OTHER_SECRET }

    const answer = await browser.session()

    expect(answer.body).toEqual({})
    expect(cookieNamed(answer, SESSION_COOKIE)).toMatchObject({ value: '', options: { maxAge: 0 } })
    expect(await readToken(cookies, OTHER_SECRET)).toBeNull()
    expect(await readToken(cookies, SECRET)).not.toBeNull()
  })

  // Chapter: The secret, "The cookie stores the token together with a SHA-256 hash of the token
  // and the secret"
  it('stores the CSRF token in its cookie as token|sha256(token + secret)', async () => {
    const answer = await callAuth(tracedOptions().options, { path: '/api/auth/csrf' })
    const { csrfToken } = answer.body as { csrfToken: string }

    const hash = createHash('sha256').update(`${csrfToken}${SECRET}`).digest('hex')
    expect(cookieNamed(answer, CSRF_COOKIE)?.value).toBe(`${csrfToken}|${hash}`)
  })

  // Chapter: The secret, "an attacker who can set cookies on your domain still cannot mint a valid
  // pair without knowing the secret"
  it('refuses a POST whose CSRF cookie was hashed with another secret', async () => {
    const { options, steps } = tracedOptions()
    const token = 'a'.repeat(64)
    const forged = `${token}|${createHash('sha256').update(`${token}${OTHER_SECRET}`).digest('hex')}`

    const answer = await callAuth(options, {
      method: 'POST',
      path: '/api/auth/callback/login',
      cookies: { [CSRF_COOKIE]: forged },
      body: { csrfToken: token, json: 'true' },
    })

    expect(answer.body).toEqual({ url: 'http://localhost:3000/api/auth/signin?csrf=true' })
    expect(steps()).not.toContain('authorize')
  })

  // Chapter: The secret, "leave the secret option out of your code"
  it('reads the secret from NEXTAUTH_SECRET when the options have none', async () => {
    const restore = setEnv({ NEXTAUTH_SECRET: OTHER_SECRET })
    try {
      const { secret: _omitted, ...options } = tracedOptions().options
      const answer = await new Browser(options).signIn()
      const token = cookieNamed(answer, SESSION_COOKIE)?.value
      expect(await decode({ token, secret: OTHER_SECRET })).toMatchObject({ sub: 'user-1' })
    } finally {
      restore()
    }
  })

  describe('in production without a secret', () => {
    useEnv({ NODE_ENV: 'production' })

    // Chapter: The secret, "NextAuth logs the error NO_SECRET ... and answers every API request
    // with status 500 and the message "There is a problem with the server configuration""
    it('answers the JSON endpoints with 500 and the configuration message, runs nothing and logs NO_SECRET', async () => {
      const { options: traced, steps } = tracedOptions()
      const { secret: _omitted, ...options } = traced
      const browser = new Browser(options)

      for (const path of ['/api/auth/session', '/api/auth/csrf', '/api/auth/providers']) {
        const answer = await browser.request({ path })
        expect(answer).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
      }
      const post = await browser.request({
        method: 'POST',
        path: '/api/auth/callback/login',
        body: { json: 'true' },
      })
      expect(post).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
      expect(steps()).toEqual([])
      expect(logs.errors()).toContain('[next-auth][error][NO_SECRET]')
    })
  })

  describe('in development without a secret', () => {
    useEnv({ NODE_ENV: 'development' })

    // Chapter: The secret, "In development, NextAuth logs the warning NO_SECRET and derives a
    // stand-in secret by hashing your configuration. It works until you change the configuration"
    it('warns NO_SECRET, works, and stops reading its sessions once the configuration changes', async () => {
      const handler = loadAuthHandler({ fresh: true })
      const { secret: _omitted, ...options } = tracedOptions().options
      const browser = new Browser(options, { handler })
      // why: see the next test; the configuration hashes differently after its first request.
      await browser.request({ path: '/api/auth/providers' })
      expect(logs.warnings()).toContain('[next-auth][warn][NO_SECRET]')

      await browser.signIn()
      expect((await browser.session()).body).toMatchObject({ user: { email: 'ada@example.com' } })

      browser.options = { ...options, session: { maxAge: 3600 } }
      expect((await browser.session()).body).toEqual({})
      // why: "silently" holds for the reader only; the server logs the failed decryption.
      expect(logs.errors()).toContain('[next-auth][error][JWT_SESSION_ERROR]')
    })

    // Not in the chapter: NextAuth fills a Credentials provider's `credentials` in place on its
    // first request, so the derived secret of that request differs from every later one, and
    // a CSRF cookie it issued is refused.
    it("derives another stand-in secret after the first request, so that request's CSRF cookie is refused", async () => {
      const { secret: _omitted, ...options } = tracedOptions().options
      const before = JSON.stringify(options)
      const browser = new Browser(options)

      const answer = await browser.signIn()

      expect(JSON.stringify(options)).not.toBe(before)
      expect(answer.body).toEqual({ url: 'http://localhost:3000/api/auth/signin?csrf=true' })
    })
  })
})
