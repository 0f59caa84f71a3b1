import GitHubProvider from 'next-auth/providers/github'
import { getCsrfToken, getProviders, getSession } from 'next-auth/react'
import { expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import {
  Browser,
  callAuth,
  captureLogs,
  cookieNamed,
  recordingAdapter,
  signInFromPage,
  tracedOptions,
  useEnv,
  withClientFetch,
} from './next-auth-harness'

const LOGIN_PROVIDER = {
  id: 'login',
  name: 'Credentials',
  type: 'credentials',
  signinUrl: 'http://localhost:3000/api/auth/signin/login',
  callbackUrl: 'http://localhost:3000/api/auth/callback/login',
}

describeChapter('pages/guide/how-it-works.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  claim(
    'how-it-works-session-cookie-name',
    'With the Credentials provider the session is a JSON Web Token that NextAuth encrypts with your secret and stores in a cookie named next-auth.session-token (on HTTPS the name gets a __Secure- prefix).',
    () => {
      it('keeps the session in next-auth.session-token on http and __Secure-next-auth.session-token on https', async () => {
        const onHttp = await new Browser(tracedOptions().options).signIn()
        process.env.NEXTAUTH_URL = 'https://handbook.example'
        const onHttps = await new Browser(tracedOptions().options).signIn()

        expect(cookieNamed(onHttp, 'next-auth.session-token')).toBeDefined()
        expect(cookieNamed(onHttps, '__Secure-next-auth.session-token')).toBeDefined()
        expect(cookieNamed(onHttps, 'next-auth.session-token')).toBeUndefined()
      })
    },
  )

  claim(
    'how-it-works-stateless',
    'Nothing about the session is kept on the server: every request carries it, and NextAuth decrypts it to find out who is asking.',
    () => {
      it('lets another server instance with the same secret read the session from the cookie alone', async () => {
        const first = new Browser(tracedOptions().options)
        await first.signIn()

        const elsewhere = new Browser(tracedOptions().options)
        for (const [name, value] of first.jar) elsewhere.jar.set(name, value)

        expect((await elsewhere.session()).body).toMatchObject({
          user: { email: 'ada@example.com' },
        })
      })
    },
  )

  claim(
    'how-it-works-credentials-needs-jwt',
    'That is why the Credentials provider needs the JWT strategy: NextAuth refuses a database-session configuration whose only providers are Credentials ones, and next to an OAuth provider such a session vanishes on its first read (the troubleshooting chapter has the details).',
    () => {
      it('refuses database sessions when every provider is a Credentials provider', async () => {
        const logs = captureLogs()
        const options = { ...tracedOptions().options, session: { strategy: 'database' as const } }
        const answer = await callAuth(options, { path: '/api/auth/session' })
        logs.restore()
        expect(answer.status).toBe(500)
      })

      it('accepts them next to an OAuth provider, and loses the Credentials session at its first read', async () => {
        const { adapter } = recordingAdapter()
        const base = tracedOptions({ adapter }).options
        const options = {
          ...base,
          providers: [
            ...base.providers,
            GitHubProvider({ clientId: 'id', clientSecret: 'secret' }),
          ],
          session: { strategy: 'database' as const },
        }
        const browser = new Browser(options)

        expect((await browser.signIn()).body).toEqual({ url: 'http://localhost:3000' })
        expect((await browser.session()).body).toEqual({})
      })
    },
  )

  claim(
    'how-it-works-encrypted',
    'Because the token is encrypted rather than only signed, the browser cannot read what is inside.',
    () => {
      it('sends a cookie in which no part decodes to the user it carries', async () => {
        const answer = await new Browser(tracedOptions().options).signIn()
        const parts = cookieNamed(answer, 'next-auth.session-token')?.value.split('.') ?? []

        expect(parts).toHaveLength(5)
        const decoded = parts.map((part) => Buffer.from(part, 'base64url').toString('latin1'))
        expect(decoded.join('\n')).not.toContain('ada@example.com')
        expect(decoded.join('\n')).not.toContain('Ada Reader')
      })
    },
  )

  claim(
    'how-it-works-session-callback',
    'Your pages learn about the user through the session callback instead, which runs whenever the session is read and returns the subset you choose to expose.',
    () => {
      it('answers a session read with exactly what the session callback returns', async () => {
        const { options } = tracedOptions({
          callbacks: {
            session: ({ session }) => ({ ...session, user: { name: session.user.name } }),
          },
        })
        const browser = new Browser(options)
        await browser.signIn()

        const { body } = await browser.session()
        expect(body).toEqual({ user: { name: 'Ada Reader' }, expires: expect.any(String) })
      })
    },
  )

  claim('how-it-works-get-session', 'getSession() | reads the session once, outside React', () => {
    it('reads the session with getSession(), one request each time', async () => {
      const browser = new Browser(tracedOptions().options)
      await browser.signIn()
      browser.requests.length = 0

      const session = await withClientFetch(browser, () => getSession())

      expect(session).toMatchObject({ user: { email: 'ada@example.com' } })
      expect(browser.requests).toEqual(['GET /api/auth/session'])
    })
  })

  claim(
    'how-it-works-get-csrf-token',
    'getCsrfToken() | the token that every POST to NextAuth must carry',
    () => {
      it('returns from getCsrfToken() a token that a credentials POST is accepted with', async () => {
        const { options, steps } = tracedOptions()
        const browser = new Browser(options)
        const csrfToken = await withClientFetch(browser, () => getCsrfToken())

        await browser.signIn(undefined, { csrfToken })
        expect(steps()).toContain('authorize')
      })
    },
  )

  claim(
    'how-it-works-get-providers',
    'getProviders() | the providers your configuration defines',
    () => {
      it('returns the configured providers from getProviders()', async () => {
        const browser = new Browser(tracedOptions().options)
        const providers = await withClientFetch(browser, () => getProviders())
        expect(providers).toEqual({ login: LOGIN_PROVIDER })
      })
    },
  )

  claim(
    'how-it-works-csrf-endpoint',
    'GET /api/auth/csrf | a fresh CSRF token (and its cookie)',
    () => {
      it('answers GET csrf with a token in the body and the same token in its cookie', async () => {
        const answer = await callAuth(tracedOptions().options, { path: '/api/auth/csrf' })
        const { csrfToken } = answer.body as { csrfToken: string }
        expect(csrfToken).toMatch(/^[0-9a-f]{64}$/)
        expect(cookieNamed(answer, 'next-auth.csrf-token')?.value.split('|')[0]).toBe(csrfToken)
      })
    },
  )

  claim(
    'how-it-works-providers-endpoint',
    'GET /api/auth/providers | the configured providers',
    () => {
      it('lists the configured providers at GET providers', async () => {
        const answer = await callAuth(tracedOptions().options, { path: '/api/auth/providers' })
        expect(answer.body).toEqual({ login: LOGIN_PROVIDER })
      })
    },
  )

  claim('how-it-works-signout-endpoint', 'POST /api/auth/signout | ends the session', () => {
    it('clears the session cookie on POST signout, after which there is no session', async () => {
      const browser = new Browser(tracedOptions().options)
      await browser.signIn()

      const csrfToken = await browser.csrfToken()
      const signout = await browser.request({
        method: 'POST',
        path: '/api/auth/signout',
        body: { csrfToken },
      })
      const after = await withClientFetch(browser, () => getSession())

      expect(cookieNamed(signout, 'next-auth.session-token')?.options.maxAge).toBe(0)
      expect(after).toBeNull()
    })
  })

  claim(
    'how-it-works-signin-page',
    "GET /api/auth/signin | NextAuth's built-in sign-in page",
    () => {
      it('serves an HTML sign-in page whose form posts to the provider callback', async () => {
        const answer = await callAuth(tracedOptions().options, { path: '/api/auth/signin' })
        expect(answer.headers['Content-Type']).toBe('text/html')
        expect(answer.body).toContain('action="http://localhost:3000/api/auth/callback/login"')
      })
    },
  )

  claim(
    'how-it-works-sign-in-requests',
    'A sign-in from your own form with redirect: false is therefore four requests: signIn() gets the providers and a CSRF token, posts the credentials to the callback endpoint, which sets the session cookie, and then has SessionProvider get the session that tells your page who signed in. authorize() and the callbacks run in the last two, and the live lab on this site shows them doing it.',
    () => {
      it('sends GET providers, GET csrf, POST callback, then GET session, and runs callbacks in the last two only', async () => {
        const { requests, stepsByRequest, status } = await signInFromPage()

        expect(requests).toEqual([
          'GET /api/auth/providers',
          'GET /api/auth/csrf',
          'POST /api/auth/callback/login',
          'GET /api/auth/session',
        ])
        const running = stepsByRequest.map(({ steps }) => steps.filter((s) => s !== 'redirect'))
        expect(running.map((steps) => steps.length > 0)).toEqual([false, false, true, true])
        expect(status).toBe('authenticated')
      })
    },
  )
})
