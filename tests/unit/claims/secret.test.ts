import { createHash, hkdfSync } from 'node:crypto'

import { decodeProtectedHeader, jwtDecrypt } from 'jose'
import { decode } from 'next-auth/jwt'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import {
  Browser,
  callAuth,
  captureLogs,
  cookieNamed,
  inSessionProvider,
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

describeChapter('pages/guide/secret.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  let logs: ReturnType<typeof captureLogs>
  beforeEach(() => {
    logs = captureLogs()
  })
  afterEach(() => logs.restore())

  claim(
    'secret-jwe-a256gcm',
    'With JWT sessions, the session cookie holds an encrypted JWT (a JWE, using A256GCM).',
    () => {
      it('seals the session cookie as a JWE with direct encryption and A256GCM', async () => {
        const browser = await signedInBrowser()
        const cookie = browser.jar.get(SESSION_COOKIE) ?? ''
        expect(decodeProtectedHeader(cookie)).toEqual({ alg: 'dir', enc: 'A256GCM' })
        expect(cookie.split('.')).toHaveLength(5)
      })
    },
  )

  claim(
    'secret-hkdf',
    'NextAuth does not use the secret as the key directly: it derives a 32-byte key from it with HKDF-SHA256.',
    () => {
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
    },
  )

  claim(
    'secret-tampered-cookie',
    'The browser can store the cookie but can neither read nor change what is in it; a cookie that was altered, or sealed with a different secret, fails to decrypt and counts as no session at all.',
    () => {
      it('answers an empty session for an altered cookie', async () => {
        const browser = await signedInBrowser()
        const parts = (browser.jar.get(SESSION_COOKIE) ?? '').split('.')
        // why: the first character of the ciphertext carries six whole bits; the last may not.
        const ciphertext = parts[3] ?? ''
        parts[3] = (ciphertext.startsWith('A') ? 'B' : 'A') + ciphertext.slice(1)
        browser.jar.set(SESSION_COOKIE, parts.join('.'))

        expect((await browser.session()).body).toEqual({})
      })

      it('answers an empty session for a cookie sealed with another secret', async () => {
        const browser = await signedInBrowser()
        browser.options = { ...browser.options, secret: OTHER_SECRET }

        expect((await browser.session()).body).toEqual({})
      })
    },
  )

  claim(
    'secret-csrf-cookie-hash',
    'The cookie stores the token together with a SHA-256 hash of the token and the secret, so an attacker who can set cookies on your domain still cannot mint a valid pair without knowing the secret.',
    () => {
      it('stores the CSRF token in its cookie as token|sha256(token + secret)', async () => {
        const answer = await callAuth(tracedOptions().options, { path: '/api/auth/csrf' })
        const { csrfToken } = answer.body as { csrfToken: string }

        const hash = createHash('sha256').update(`${csrfToken}${SECRET}`).digest('hex')
        expect(cookieNamed(answer, CSRF_COOKIE)?.value).toBe(`${csrfToken}|${hash}`)
      })

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
    },
  )

  describe('in development without a secret', () => {
    useEnv({ NODE_ENV: 'development' })

    claim(
      'secret-development-stand-in',
      "In development, NextAuth logs the warning NO_SECRET and derives a stand-in secret by hashing your configuration. The stand-in changes whenever the configuration does (NextAuth even changes it once by itself, when its first request fills in the Credentials provider's fields), and every cookie sealed with the old one stops decrypting: readers are signed out without a message, and only the server log says JWT_SESSION_ERROR.",
      () => {
        it('warns NO_SECRET, works, and stops reading its sessions once the configuration changes', async () => {
          const handler = loadAuthHandler({ fresh: true })
          const { secret: _omitted, ...options } = tracedOptions().options
          const browser = new Browser(options, { handler })
          // why: see the next test; the configuration hashes differently after its first request.
          await browser.request({ path: '/api/auth/providers' })
          expect(logs.warnings()).toContain('[next-auth][warn][NO_SECRET]')

          await browser.signIn()
          expect((await browser.session()).body).toMatchObject({
            user: { email: 'ada@example.com' },
          })

          browser.options = { ...options, session: { maxAge: 3600 } }
          expect((await browser.session()).body).toEqual({})
          expect(logs.errors()).toContain('[next-auth][error][JWT_SESSION_ERROR]')
        })

        it("derives another stand-in secret after the first request, so that request's CSRF cookie is refused", async () => {
          const { secret: _omitted, ...options } = tracedOptions().options
          const before = JSON.stringify(options)
          const browser = new Browser(options)

          const answer = await browser.signIn()

          expect(JSON.stringify(options)).not.toBe(before)
          expect(answer.body).toEqual({ url: 'http://localhost:3000/api/auth/signin?csrf=true' })
        })
      },
    )
  })

  describe('in production without a secret', () => {
    useEnv({ NODE_ENV: 'production' })

    claim(
      'secret-production-without-secret',
      'In production (NODE_ENV=production), NextAuth logs the error NO_SECRET (its MissingSecret error). Its JSON endpoints (the session, the CSRF token, the sign-in callback) answer with status 500 and the message "There is a problem with the server configuration", and its own HTML pages show an error page instead.',
      () => {
        it('answers the JSON endpoints with 500 and the configuration message, its pages with an error page, runs nothing and logs NO_SECRET', async () => {
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
          const page = await browser.request({ path: '/api/auth/signin' })
          expect(page.headers['Content-Type']).toBe('text/html')
          expect(page.body).toContain('There is a problem with the server configuration.')
          expect(steps()).toEqual([])
          expect(logs.errors()).toContain('[next-auth][error][NO_SECRET]')
        })
      },
    )
  })

  claim(
    'secret-from-env',
    'Set it in the environment and leave the secret option out of your code: the Setup chapter shows where.',
    () => {
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
    },
  )

  claim(
    'secret-same-on-every-instance',
    'An instance with a different one cannot decrypt the cookies the others issued, so readers behind a load balancer would be signed in on one request and signed out on the next.',
    () => {
      it('finds no session, with getToken() or at the session endpoint, on an instance with another secret', async () => {
        const browser = await signedInBrowser()
        const cookies = Object.fromEntries(browser.jar)
        const other = new Browser({ ...browser.options, secret: OTHER_SECRET })
        for (const [name, value] of browser.jar) other.jar.set(name, value)

        expect((await other.session()).body).toEqual({})
        expect(await readToken(cookies, OTHER_SECRET)).toBeNull()
        expect((await browser.session()).body).toMatchObject({ user: { name: 'Ada Reader' } })
      })
    },
  )

  claim(
    'secret-rotation',
    'Changing the secret changes the derived encryption key, so every existing session cookie fails to decrypt at once. NextAuth does not raise an error for the reader: GET /api/auth/session answers with an empty session, useSession() reports unauthenticated, and everyone must sign in again.',
    () => {
      it('answers an empty session and clears the cookie after the secret changed', async () => {
        const browser = await signedInBrowser()
        browser.options = { ...browser.options, secret: OTHER_SECRET }

        const answer = await browser.session()

        expect(answer.status).toBe(200)
        expect(answer.body).toEqual({})
        expect(cookieNamed(answer, SESSION_COOKIE)).toMatchObject({
          value: '',
          options: { maxAge: 0 },
        })
      })

      it('makes useSession() report unauthenticated', async () => {
        const browser = await signedInBrowser()
        browser.options = { ...browser.options, secret: OTHER_SECRET }

        const { status } = await inSessionProvider(
          browser,
          'http://localhost:3000/',
          async () => {},
        )

        expect(status).toBe('unauthenticated')
      })
    },
  )
})
