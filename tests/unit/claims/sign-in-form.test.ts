import { expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import {
  Browser,
  callAuth,
  callsOf,
  clientSignIn,
  inWindowAt,
  SESSION_COOKIE,
  signInFromPage,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

const FORM = { email: 'ada@example.com', password: 'pw', redirect: false, callbackUrl: '/lab' }

/** What the real signIn() resolves to against options built by tracedOptions(config). */
async function resolveWith(config: Parameters<typeof tracedOptions>[0]) {
  const { options, steps } = tracedOptions(config)
  const browser = new Browser(options)
  const result = await clientSignIn(browser, 'login', FORM)
  return { result, steps, browser }
}

const throwingSignIn = () => {
  throw new Error('code')
}

describeChapter('pages/guide/sign-in-form.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  claim(
    'sign-in-form-requests',
    'Behind the scenes signIn() fetches the providers and a CSRF token, posts to /api/auth/callback/login, and, if that succeeded, has SessionProvider fetch the session, so that useSession() reports the reader by the time the promise resolves: four requests in all.',
    () => {
      it('fetches the providers and a CSRF token, posts, then has SessionProvider fetch the session', async () => {
        const { requests, status } = await signInFromPage()

        expect(requests).toEqual([
          'GET /api/auth/providers',
          'GET /api/auth/csrf',
          'POST /api/auth/callback/login',
          'GET /api/auth/session',
        ])
        expect(status).toBe('authenticated')
      })

      it('fetches no session after a failed post', async () => {
        const { requests } = await signInFromPage({ authorize: () => null })
        expect(requests.at(-1)).toBe('POST /api/auth/callback/login')
      })

      it('fetches no session either when no SessionProvider is mounted', async () => {
        const { browser } = await resolveWith({})
        expect(browser.requests).toEqual([
          'GET /api/auth/providers',
          'GET /api/auth/csrf',
          'POST /api/auth/callback/login',
        ])
      })
    },
  )

  claim('sign-in-form-four-keys', 'The object always has the same four keys:', () => {
    it('resolves to an object with exactly error, status, ok and url, on success and on failure', async () => {
      const success = await resolveWith({})
      const failure = await resolveWith({ authorize: () => null })
      for (const { result } of [success, failure]) {
        expect(Object.keys(result ?? {}).sort()).toEqual(['error', 'ok', 'status', 'url'])
      }
    })
  })

  claim('sign-in-form-signed-in', 'signed in | null | 200 | true | the callback URL', () => {
    it('resolves a sign-in to no error, 200, ok and the callback URL', async () => {
      const { result } = await resolveWith({})
      expect(result).toEqual({
        error: null,
        status: 200,
        ok: true,
        url: 'http://localhost:3000/lab',
      })
    })
  })

  claim(
    'sign-in-form-authorize-null',
    'authorize() returned null | "CredentialsSignin" | 401 | false | null',
    () => {
      it('resolves a null from authorize to CredentialsSignin, 401, not ok and no url', async () => {
        const { result } = await resolveWith({ authorize: () => null })
        expect(result).toEqual({ error: 'CredentialsSignin', status: 401, ok: false, url: null })
      })
    },
  )

  claim(
    'sign-in-form-authorize-threw',
    'authorize() threw new Error(\'code\') | "code" | 401 | false | null',
    () => {
      it('resolves an error thrown by authorize to its message, 401, not ok and no url', async () => {
        const { result } = await resolveWith({ authorize: throwingSignIn })
        expect(result).toEqual({ error: 'code', status: 401, ok: false, url: null })
      })
    },
  )

  claim(
    'sign-in-form-signin-false',
    'the signIn callback returned false | "AccessDenied" | 403 | false | null',
    () => {
      it('resolves a false from the signIn callback to AccessDenied, 403, not ok and no url', async () => {
        const { result } = await resolveWith({ callbacks: { signIn: () => false } })
        expect(result).toEqual({ error: 'AccessDenied', status: 403, ok: false, url: null })
      })
    },
  )

  claim(
    'sign-in-form-signin-url',
    'the signIn callback returned a URL | null | 200 | true | that URL',
    () => {
      it('resolves a URL from the signIn callback to ok with that URL', async () => {
        const elsewhere = 'http://localhost:3000/account-suspended'
        const { result } = await resolveWith({ callbacks: { signIn: () => elsewhere } })
        expect(result).toEqual({ error: null, status: 200, ok: true, url: elsewhere })
      })
    },
  )

  claim(
    'sign-in-form-signin-threw',
    'the signIn callback threw new Error(\'code\') | "code" | 200 | true | null',
    () => {
      it('resolves an error thrown by the signIn callback to its message, 200, ok and no url', async () => {
        const { result } = await resolveWith({ callbacks: { signIn: throwingSignIn } })
        expect(result).toEqual({ error: 'code', status: 200, ok: true, url: null })
      })
    },
  )

  claim(
    'sign-in-form-url-skips-jwt',
    'When signIn returns a URL, NextAuth skips the jwt callback and the cookie; it only tells the client where to go.',
    () => {
      it('runs no jwt and sets no session cookie when the signIn callback returns a URL', async () => {
        const elsewhere = 'http://localhost:3000/account-suspended'
        const { steps, browser } = await resolveWith({ callbacks: { signIn: () => elsewhere } })
        expect(steps()).not.toContain('jwt')
        expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
      })
    },
  )

  claim(
    'sign-in-form-throw-skips-jwt',
    'When it throws, NextAuth stops at the same point and passes the message on as error.',
    () => {
      it('runs no jwt and sets no session cookie when the signIn callback throws', async () => {
        const { result, steps, browser } = await resolveWith({
          callbacks: { signIn: throwingSignIn },
        })
        expect(result?.error).toBe('code')
        expect(steps()).not.toContain('jwt')
        expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
      })
    },
  )

  claim(
    'sign-in-form-absolute-url',
    "NextAuth's client parses that URL with new URL(), so the callback must return an absolute URL.",
    () => {
      it('rejects with a TypeError when the signIn callback returns a relative URL', async () => {
        await expect(resolveWith({ callbacks: { signIn: () => '/welcome' } })).rejects.toThrow(
          TypeError,
        )
      })
    },
  )

  claim(
    'sign-in-form-callback-url-default',
    'It defaults to the page that called signIn().',
    () => {
      it('uses the current page as callbackUrl when none is given', async () => {
        const { options, trace } = tracedOptions()
        const browser = new Browser(options)
        const page = 'http://localhost:3000/pricing?plan=team'

        await inWindowAt(page, () => clientSignIn(browser, 'login', { redirect: false }))

        expect(callsOf(trace, 'authorize')[0]?.credentials).toMatchObject({ callbackUrl: page })
      })
    },
  )

  claim(
    'sign-in-form-redirect-callback-default',
    "NextAuth passes it through the redirect callback, whose default only allows URLs on your own origin and relative paths: a callbackUrl of https://evil.example/phish comes back as your site's own address.",
    () => {
      it('keeps relative and same-origin callback URLs and replaces another origin with the site', async () => {
        const urlFor = async (callbackUrl: string) => {
          const browser = new Browser(tracedOptions().options)
          return (await clientSignIn(browser, 'login', { ...FORM, callbackUrl }))?.url
        }
        expect(await urlFor('/dashboard')).toBe('http://localhost:3000/dashboard')
        expect(await urlFor('http://localhost:3000/lab?x=1')).toBe('http://localhost:3000/lab?x=1')
        expect(await urlFor('https://evil.example/phish')).toBe('http://localhost:3000')
      })
    },
  )

  claim(
    'sign-in-form-query-callback-url-unchecked',
    "Without a callbackUrl of its own, signIn() sends the address of the sign-in page, query string and all, and NextAuth's check passes it, because that address is on your site.",
    () => {
      it("answers the sign-in page's own address, whatever callbackUrl its query string carries", async () => {
        const { options, trace } = tracedOptions()
        const browser = new Browser(options)
        const page = 'http://localhost:3000/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2Fphish'
        let result: Awaited<ReturnType<typeof clientSignIn>> | undefined

        await inWindowAt(page, async () => {
          result = await clientSignIn(browser, 'login', { redirect: false })
        })

        expect(callsOf(trace, 'authorize')[0]?.credentials).toMatchObject({ callbackUrl: page })
        expect(callsOf(trace, 'redirect').map((args) => args.url)).toContain(page)
        expect(result).toMatchObject({ ok: true, url: page })
      })
    },
  )

  claim(
    'sign-in-form-redirect-true-success',
    'Leave redirect out (it defaults to true) and signIn() does the navigation: the browser goes to callbackUrl on success.',
    () => {
      it('navigates to the callback URL on success when redirect is left out', async () => {
        const browser = new Browser(tracedOptions().options)
        const href = await inWindowAt('http://localhost:3000/login', () =>
          clientSignIn(browser, 'login', { callbackUrl: '/dashboard' }),
        )
        expect(href).toBe('http://localhost:3000/dashboard')
      })
    },
  )

  claim(
    'sign-in-form-redirect-true-failure',
    'On failure it goes to /api/auth/error?error=…, which sends a CredentialsSignin on to the sign-in page (/api/auth/signin?error=CredentialsSignin, or your pages.signIn) and any other error to the error page (or your pages.error).',
    () => {
      const failWith = (error: Error | null, pages = {}) =>
        tracedOptions({
          pages,
          authorize: () => {
            if (error) throw error
            return null
          },
        }).options
      const hrefFor = (options: ReturnType<typeof failWith>) =>
        inWindowAt('http://localhost:3000/login', () =>
          clientSignIn(new Browser(options), 'login', { callbackUrl: '/dashboard' }),
        )
      const follow = async (options: ReturnType<typeof failWith>, href: string) =>
        (await callAuth(options, { path: new URL(href).pathname + new URL(href).search })).location

      it('navigates to /api/auth/error, which sends CredentialsSignin to the sign-in page and other codes to the error page', async () => {
        const nullHref = await hrefFor(failWith(null))
        const thrownHref = await hrefFor(failWith(new Error('unavailable')))
        expect(nullHref).toBe(
          'http://localhost:3000/api/auth/error?error=CredentialsSignin&provider=login',
        )
        expect(thrownHref).toBe('http://localhost:3000/api/auth/error?error=unavailable')

        expect(await follow(failWith(null), nullHref)).toBe(
          'http://localhost:3000/api/auth/signin?error=CredentialsSignin',
        )
        const errorPage = await callAuth(failWith(null), {
          path: '/api/auth/error?error=unavailable',
        })
        expect(errorPage.headers['Content-Type']).toBe('text/html')
      })

      it('sends them to pages.signIn and pages.error instead when those are set', async () => {
        const pages = { signIn: '/login', error: '/oops' }
        const nullHref = await hrefFor(failWith(null, pages))
        const thrownHref = await hrefFor(failWith(new Error('unavailable'), pages))

        const options = failWith(null, pages)
        const signInPage = await follow(options, nullHref)
        expect(signInPage).toBe('http://localhost:3000/api/auth/signin?error=CredentialsSignin')
        const ownPage = new URL((await follow(options, signInPage ?? '')) ?? '', 'http://x')
        expect(ownPage.pathname).toBe('/login')
        expect(ownPage.searchParams.get('error')).toBe('CredentialsSignin')
        expect(await follow(options, thrownHref)).toBe('/oops?error=unavailable')
      })
    },
  )
})
