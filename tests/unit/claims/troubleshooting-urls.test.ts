import { getSession } from 'next-auth/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { claim, describeChapter } from '../../support/claims'

import {
  Browser,
  callAuth,
  callsOf,
  captureLogs,
  clientSignIn,
  loadAuthHandler,
  OTHER_SECRET,
  readToken,
  SESSION_COOKIE,
  setEnv,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

const PROXY_HEADERS = { host: 'app:3000', 'x-forwarded-host': 'evil.example' }
// why: next-auth/react reads NEXTAUTH_URL once, when it is loaded, which is before any test runs.
const ORIGIN_WHEN_LOADED = new URL(process.env.NEXTAUTH_URL ?? 'http://localhost:3000').origin

describeChapter('pages/guide/troubleshooting.mdx', () => {
  describe('the wrong host', () => {
    useEnv({ NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: undefined, VERCEL: undefined })

    claim(
      'troubleshooting-nextauth-url-wins',
      'NextAuth builds the absolute URLs it hands out from NEXTAUTH_URL: the redirect after sign-in, the url that signIn() resolves to, the baseUrl of the redirect callback. When the variable is set, NextAuth ignores the Host header of the request entirely.',
      () => {
        it('builds the redirect, the signIn() url and the redirect baseUrl from NEXTAUTH_URL, whatever the Host says', async () => {
          const restore = setEnv({
            NEXTAUTH_URL: 'https://app.example.com',
            AUTH_TRUST_HOST: 'true',
          })
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
            expect(callsOf(trace, 'redirect')[0]).toMatchObject({
              baseUrl: 'https://app.example.com',
            })
          } finally {
            restore()
          }
        })
      },
    )

    claim(
      'troubleshooting-nextauth-url-fallback',
      'When it is not set, NextAuth falls back to http://localhost:3000 and prints the NEXTAUTH_URL warning once.',
      () => {
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
      },
    )

    claim(
      'troubleshooting-nextauth-url-path',
      'Leave the path off if your NextAuth route is the usual /api/auth: NextAuth reads any other path in the URL as the place where its own routes live.',
      () => {
        it('serves its routes under the path of NEXTAUTH_URL', async () => {
          const restore = setEnv({ NEXTAUTH_URL: 'https://example.com/docs/api/auth' })
          try {
            const { body } = await callAuth(tracedOptions().options, {
              path: '/api/auth/providers',
            })
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
      },
    )

    claim(
      'troubleshooting-trust-host',
      'NextAuth v4 can also take the origin from X-Forwarded-Host when AUTH_TRUST_HOST is set, but getToken() and a server-side getSession() still read NEXTAUTH_URL, and a client that reaches the server without your proxy can name any host it likes.',
      () => {
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

        it('sends a server-side getSession() to the NEXTAUTH_URL origin, whatever the request forwarded', async () => {
          const fetched: string[] = []
          vi.stubGlobal('fetch', async (url: string) => {
            fetched.push(String(url))
            return Response.json({})
          })
          try {
            await getSession({ req: { headers: { ...PROXY_HEADERS, cookie: 'a=b' } } })
          } finally {
            vi.unstubAllGlobals()
          }
          expect(fetched).toEqual([`${ORIGIN_WHEN_LOADED}/api/auth/session`])
        })
      },
    )
  })

  describe('the CSRF bounce', () => {
    useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

    let logs: ReturnType<typeof captureLogs>
    beforeEach(() => {
      logs = captureLogs()
    })
    afterEach(() => logs.restore())

    claim(
      'troubleshooting-csrf-bounce',
      'NextAuth refused the POST because its CSRF check failed, and it did not run authorize() at all. Auth.js v5 reports this as MissingCSRF; version 4 has no error code for it.',
      () => {
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
      },
    )

    claim(
      'troubleshooting-csrf-no-message',
      'It redirects to its own sign-in page with ?csrf=true and shows no message.',
      () => {
        it('renders the sign-in page at ?csrf=true without an error message, and with one for ?error', async () => {
          const { options } = tracedOptions()
          const bounced = await callAuth(options, { path: '/api/auth/signin?csrf=true' })
          const failed = await callAuth(options, {
            path: '/api/auth/signin?error=CredentialsSignin',
          })
          expect(bounced.body).not.toContain('class="error"')
          expect(failed.body).toContain('class="error"')
        })
      },
    )

    claim(
      'troubleshooting-csrf-resolves-ok',
      'With redirect: false it is easy to miss, because signIn() resolves with ok: true, status: 200, error: null and a url that ends in /api/auth/signin?csrf=true, and no session.',
      () => {
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
      },
    )

    claim(
      'troubleshooting-csrf-secret-changed',
      "The secret changed between the two requests. The cookie carries a hash made with the secret. Instances behind one load balancer with different secrets reject each other's cookies.",
      () => {
        it('bounces a POST whose CSRF cookie was issued under another secret', async () => {
          const { options, steps } = tracedOptions()
          const browser = new Browser(options)
          const csrfToken = await browser.csrfToken()
          browser.options = { ...options, secret: OTHER_SECRET }

          const answer = await browser.signIn(undefined, { csrfToken })

          expect(answer.body).toEqual({ url: 'http://localhost:3000/api/auth/signin?csrf=true' })
          expect(steps()).not.toContain('authorize')
        })
      },
    )

    claim(
      'troubleshooting-csrf-dev-config-changed',
      'So does a development server without a secret after you edit the configuration, because NextAuth then derives the secret from the configuration.',
      () => {
        it('bounces a POST after the configuration of a server without a secret changed', async () => {
          const { secret: _omitted, ...options } = tracedOptions().options
          const browser = new Browser(options)
          await browser.request({ path: '/api/auth/providers' })
          const csrfToken = await browser.csrfToken()
          browser.options = { ...options, debug: false, theme: { colorScheme: 'dark' } }

          const answer = await browser.signIn(undefined, { csrfToken })

          expect(answer.body).toEqual({ url: 'http://localhost:3000/api/auth/signin?csrf=true' })
        })
      },
    )

    claim(
      'troubleshooting-csrf-dev-first-request',
      'It even happens once with no edit at all: NextAuth fills in its Credentials provider during its first request after the server starts, which changes the stand-in secret, so a token handed out by that very first request is refused and the second attempt works. Set NEXTAUTH_SECRET in .env.local and both go away.',
      () => {
        it('refuses the token of the first request of a server without a secret, and accepts the next', async () => {
          const { secret: _omitted, ...options } = tracedOptions().options
          const browser = new Browser(options)

          const first = await browser.signIn()
          const second = await browser.signIn()

          expect(first.body).toEqual({ url: 'http://localhost:3000/api/auth/signin?csrf=true' })
          expect(second.body).toEqual({ url: 'http://localhost:3000' })
          expect(browser.jar.has(SESSION_COOKIE)).toBe(true)
        })

        it('accepts the first token once a secret is set', async () => {
          const browser = new Browser(tracedOptions().options)

          expect((await browser.signIn()).body).toEqual({ url: 'http://localhost:3000' })
        })
      },
    )

    claim(
      'troubleshooting-csrf-body-parser',
      'An export const config = { api: { bodyParser: false } } on pages/api/auth/[...nextauth].ts leaves NextAuth without csrfToken.',
      () => {
        it('bounces a POST that reaches NextAuth without a parsed body', async () => {
          const { options, steps } = tracedOptions()
          const browser = new Browser(options)
          await browser.csrfToken()

          const answer = await browser.request({ method: 'POST', path: '/api/auth/callback/login' })

          expect(answer.location).toBe('http://localhost:3000/api/auth/signin?csrf=true')
          expect(steps()).not.toContain('authorize')
        })
      },
    )

    claim(
      'troubleshooting-csrf-curl',
      'The answer is {"url":"http://localhost:3000"} and the jar now holds next-auth.session-token. Leave out the csrfToken line and the answer becomes {"url":"http://localhost:3000/api/auth/signin?csrf=true"}.',
      () => {
        it('answers the two curl posts of the chapter as it says', async () => {
          const fields = {
            email: 'demo@example.com',
            password: 'handbook demo password',
            json: 'true',
          }
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
      },
    )
  })
})
