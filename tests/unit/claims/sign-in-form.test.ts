import { describe, expect, it } from 'vitest'

import {
  Browser,
  callAuth,
  callsOf,
  clientSignIn,
  inWindowAt,
  SESSION_COOKIE,
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

describe('Signing in from your form chapter', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  // Chapter: Signing in from your form, "Behind the scenes signIn() fetches the providers and a
  // CSRF token, posts to /api/auth/callback/login"
  it('fetches the providers, then a CSRF token, then posts to the callback endpoint', async () => {
    const { browser } = await resolveWith({})
    // why: the session fetch that follows a success is SessionProvider's; none is mounted here.
    expect(browser.requests).toEqual([
      'GET /api/auth/providers',
      'GET /api/auth/csrf',
      'POST /api/auth/callback/login',
    ])
  })

  // Chapter: Signing in from your form, "The object always has the same four keys"
  it('resolves to an object with exactly error, status, ok and url, on success and on failure', async () => {
    const success = await resolveWith({})
    const failure = await resolveWith({ authorize: () => null })
    for (const { result } of [success, failure]) {
      expect(Object.keys(result ?? {}).sort()).toEqual(['error', 'ok', 'status', 'url'])
    }
  })

  // Chapter: Signing in from your form, "signed in | null | 200 | true | the callback URL"
  it('resolves a sign-in to no error, 200, ok and the callback URL', async () => {
    const { result } = await resolveWith({})
    expect(result).toEqual({ error: null, status: 200, ok: true, url: 'http://localhost:3000/lab' })
  })

  // Chapter: Signing in from your form, "authorize() returned null | "CredentialsSignin" | 401"
  it('resolves a null from authorize to CredentialsSignin, 401, not ok and no url', async () => {
    const { result } = await resolveWith({ authorize: () => null })
    expect(result).toEqual({ error: 'CredentialsSignin', status: 401, ok: false, url: null })
  })

  // Chapter: Signing in from your form, "authorize() threw new Error('code') | "code" | 401"
  it('resolves an error thrown by authorize to its message, 401, not ok and no url', async () => {
    const { result } = await resolveWith({
      authorize: () => {
        throw new Error('rate_limited')
      },
    })
    expect(result).toEqual({ error: 'rate_limited', status: 401, ok: false, url: null })
  })

  // Chapter: Signing in from your form, "the signIn callback returned false | "AccessDenied" | 403"
  it('resolves a false from the signIn callback to AccessDenied, 403, not ok and no url', async () => {
    const { result } = await resolveWith({ callbacks: { signIn: () => false } })
    expect(result).toEqual({ error: 'AccessDenied', status: 403, ok: false, url: null })
  })

  // Chapter: Signing in from your form, "the signIn callback returned a URL | null | 200 | true |
  // that URL" and "NextAuth skips the jwt callback and the cookie"
  it('resolves a URL from the signIn callback to ok with that URL, without jwt or a cookie', async () => {
    const elsewhere = 'http://localhost:3000/account-suspended'
    const { result, steps, browser } = await resolveWith({ callbacks: { signIn: () => elsewhere } })

    expect(result).toEqual({ error: null, status: 200, ok: true, url: elsewhere })
    expect(steps()).not.toContain('jwt')
    expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
  })

  // Chapter: Signing in from your form, "NextAuth's client parses that URL with new URL(), so the
  // callback must return an absolute URL"
  it('rejects with a TypeError when the signIn callback returns a relative URL', async () => {
    await expect(resolveWith({ callbacks: { signIn: () => '/welcome' } })).rejects.toThrow(
      TypeError,
    )
  })

  // Chapter: Signing in from your form, "It defaults to the page that called signIn()"
  it('uses the current page as callbackUrl when none is given', async () => {
    const { options, trace } = tracedOptions()
    const browser = new Browser(options)
    const page = 'http://localhost:3000/pricing?plan=team'

    await inWindowAt(page, () => clientSignIn(browser, 'login', { redirect: false }))

    expect(callsOf(trace, 'authorize')[0]?.credentials).toMatchObject({ callbackUrl: page })
  })

  // Chapter: Signing in from your form, "whose default only allows URLs on your own origin and
  // relative paths, so a link like /login?callbackUrl=https://evil.example cannot send your
  // readers elsewhere"
  it('keeps relative and same-origin callback URLs and replaces another origin with the site', async () => {
    const urlFor = async (callbackUrl: string) => {
      const browser = new Browser(tracedOptions().options)
      return (await clientSignIn(browser, 'login', { ...FORM, callbackUrl }))?.url
    }
    expect(await urlFor('/dashboard')).toBe('http://localhost:3000/dashboard')
    expect(await urlFor('http://localhost:3000/lab?x=1')).toBe('http://localhost:3000/lab?x=1')
    expect(await urlFor('https://evil.example/phish')).toBe('http://localhost:3000')
  })

  // Chapter: Signing in from your form, "signIn() does the navigation: the browser goes to
  // callbackUrl on success"
  it('navigates to the callback URL on success when redirect is left out', async () => {
    const browser = new Browser(tracedOptions().options)
    const href = await inWindowAt('http://localhost:3000/login', () =>
      clientSignIn(browser, 'login', { callbackUrl: '/dashboard' }),
    )
    expect(href).toBe('http://localhost:3000/dashboard')
  })

  // Chapter: Signing in from your form, "or to NextAuth's error page (/api/auth/error?error=…, or
  // your pages.error) on failure". The first hop is always /api/auth/error, even with
  // pages.error; that route then sends CredentialsSignin to the sign-in page, other codes to
  // pages.error.
  it('navigates to /api/auth/error on failure, which forwards CredentialsSignin to the sign-in page and other codes to pages.error', async () => {
    const pages = { error: '/oops' }
    const failWith = (error: Error | null) =>
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

    const nullHref = await hrefFor(failWith(null))
    const thrownHref = await hrefFor(failWith(new Error('unavailable')))
    expect(nullHref).toBe(
      'http://localhost:3000/api/auth/error?error=CredentialsSignin&provider=login',
    )
    expect(thrownHref).toBe('http://localhost:3000/api/auth/error?error=unavailable')

    const follow = async (href: string) =>
      (await callAuth(failWith(null), { path: new URL(href).pathname + new URL(href).search }))
        .location
    expect(await follow(nullHref)).toBe(
      'http://localhost:3000/api/auth/signin?error=CredentialsSignin',
    )
    expect(await follow(thrownHref)).toBe('/oops?error=unavailable')
  })
})
