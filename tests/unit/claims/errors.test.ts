import { signIn } from 'next-auth/react'
import { expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import {
  ADA,
  AuthHandler,
  Browser,
  captureLogs,
  clientSignIn,
  inSessionProvider,
  inWindowAt,
  LOGIN_PAGE,
  SESSION_COOKIE,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

const FORM = { redirect: false, callbackUrl: '/lab' }

/** A route whose providers endpoint fails the way a crashed or misconfigured route does. */
const providersFail: typeof AuthHandler = async (params) => {
  if (params.req.action === 'providers') throw new Error('the route is down')
  return AuthHandler(params)
}

/** Where the browser went, and what signIn() resolved to, for `provider` under `browser`. */
async function signInFromLoginPage(browser: Browser, provider: string) {
  const logs = captureLogs()
  let result: unknown = 'not resolved'
  try {
    const href = await inWindowAt(LOGIN_PAGE, async () => {
      result = await clientSignIn(browser, provider, FORM)
    })
    return { href, result, logged: logs.errors() }
  } finally {
    logs.restore()
  }
}

describeChapter('pages/guide/errors.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  claim(
    'errors-null-same-answer',
    'Both then produce the same CredentialsSignin, so the form cannot become an oracle that tells an attacker which emails have accounts.',
    () => {
      it('answers an unknown email and a wrong password alike when authorize returns null for both', async () => {
        const { options } = tracedOptions({
          authorize: (credentials) =>
            credentials?.email === 'ada@example.com' && credentials.password === 'right'
              ? ADA
              : null,
        })
        const answerFor = async (email: string, password: string) => {
          const answer = await new Browser(options).signIn({ email, password })
          return {
            status: answer.status,
            body: answer.body,
            set: answer.cookies.map((c) => c.name),
          }
        }

        const unknownEmail = await answerFor('nobody@example.com', 'whatever')
        const wrongPassword = await answerFor('ada@example.com', 'wrong')
        expect(unknownEmail).toEqual(wrongPassword)
        expect(unknownEmail.status).toBe(401)
        expect((await answerFor('ada@example.com', 'right')).status).toBe(200)
      })
    },
  )

  claim(
    'errors-thrown-message-public',
    "NextAuth sends the thrown error's message to the browser unchanged, as result.error and in the error page's URL.",
    () => {
      it('sends a thrown message unchanged to signIn() and into the error URL', async () => {
        const leak = 'connect ECONNREFUSED 10.0.0.5:5432 & SELECT * FROM users'
        const { options } = tracedOptions({
          authorize: () => {
            throw new Error(leak)
          },
        })

        const result = await clientSignIn(new Browser(options), 'login', FORM)
        const answer = await new Browser(options).signIn()

        expect(result?.error).toBe(leak)
        const errorUrl = new URL((answer.body as { url: string }).url)
        expect(errorUrl.pathname).toBe('/api/auth/error')
        expect(errorUrl.searchParams.get('error')).toBe(leak)
      })
    },
  )

  claim(
    'errors-unknown-provider',
    'the provider id is not one of your providers | sends the browser to /api/auth/signin?callbackUrl=… and resolves to undefined',
    () => {
      it('navigates to the sign-in page with the callback URL, and resolves to undefined', async () => {
        const browser = new Browser(tracedOptions().options)

        const { href, result } = await signInFromLoginPage(browser, 'log-in')

        expect(href).toBe(`/api/auth/signin?${new URLSearchParams({ callbackUrl: '/lab' })}`)
        expect(result).toBeUndefined()
      })
    },
  )

  claim(
    'errors-providers-failed',
    'GET /api/auth/providers failed (the route is down, or answers an error) | sends the browser to /api/auth/error and resolves to undefined',
    () => {
      it('navigates to the error page, and resolves to undefined, when the providers request fails', async () => {
        const browser = new Browser(tracedOptions().options, { handler: providersFail })

        const { href, result, logged } = await signInFromLoginPage(browser, 'login')

        expect(href).toBe('/api/auth/error')
        expect(result).toBeUndefined()
        expect(logged).toEqual(['[next-auth][error][CLIENT_FETCH_ERROR]'])
      })
    },
  )

  claim(
    'errors-provider-checked-first',
    'The first two ignore redirect: false: signIn() looks the provider up in getProviders() before it posts anything, and navigates away when it cannot.',
    () => {
      it('sends nothing but the providers request when the provider is unknown or the request fails', async () => {
        const unknown = new Browser(tracedOptions().options)
        const failing = new Browser(tracedOptions().options, { handler: providersFail })

        await signInFromLoginPage(unknown, 'log-in')
        await signInFromLoginPage(failing, 'login')

        expect(unknown.requests).toEqual(['GET /api/auth/providers'])
        expect(failing.requests).toEqual(['GET /api/auth/providers'])
      })
    },
  )

  claim(
    'errors-callback-not-json',
    'the callback request answered something other than JSON (an exception in jwt becomes a 500 page) | rejects with a SyntaxError',
    () => {
      it('rejects with a SyntaxError when an exception in jwt turns the callback request into a 500', async () => {
        const { options } = tracedOptions({
          callbacks: {
            jwt: () => {
              throw new Error('backend unreachable')
            },
          },
        })
        const browser = new Browser(options)

        await expect(clientSignIn(browser, 'login', FORM)).rejects.toThrow(SyntaxError)
        expect(browser.requests.at(-1)).toBe('POST /api/auth/callback/login')
      })
    },
  )

  claim(
    'errors-signin-callback-throws',
    "the signIn callback threw | resolves to { ok: true, status: 200, error: '<message>', url: null }, with no session",
    () => {
      it('resolves to ok, 200, the message and no url, sets no session cookie, and leaves useSession() signed out', async () => {
        const { options } = tracedOptions({
          callbacks: {
            signIn: () => {
              throw new Error('account_suspended')
            },
          },
        })
        const browser = new Browser(options)

        const { result, status } = await inSessionProvider(browser, LOGIN_PAGE, () =>
          signIn('login', FORM),
        )

        expect(result).toEqual({ ok: true, status: 200, error: 'account_suspended', url: null })
        expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
        expect(status).toBe('unauthenticated')
      })
    },
  )

  claim(
    'errors-jwt-marks-token',
    "The jwt callback cannot show a message, so it marks the token instead (the reference app sets error: 'RefreshAccessTokenError'), and the session callback passes the mark on.",
    () => {
      it('carries a mark that jwt sets on a session read into the session and the next cookie', async () => {
        const { options } = tracedOptions({
          callbacks: {
            jwt: ({ token, user }) =>
              user ? token : { ...token, error: 'RefreshAccessTokenError' },
            session: ({ session, token }) => ({ ...session, error: token.error }),
          },
        })
        const browser = new Browser(options)
        await browser.signIn()

        const first = await browser.session()
        const second = await browser.session()

        expect(first.body).toMatchObject({ error: 'RefreshAccessTokenError' })
        expect(second.body).toMatchObject({ error: 'RefreshAccessTokenError' })
      })
    },
  )
})
