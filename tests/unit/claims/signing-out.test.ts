import { signOut } from 'next-auth/react'
import { expect, it, vi } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import {
  Browser,
  dispatchWindowEvent,
  inSessionProvider,
  inWindowAt,
  LOGIN_PAGE,
  SESSION_COOKIE,
  tracedOptions,
  useEnv,
  withClientFetch,
} from './next-auth-harness'

/** A browser signed in as Ada, whose POST bodies are kept in order. */
async function signedInBrowser() {
  const browser = new Browser(tracedOptions().options)
  await browser.signIn()
  expect(browser.jar.has(SESSION_COOKIE)).toBe(true)
  const posted: Record<string, unknown>[] = []
  const send = browser.fetch
  const recording = async (input: string | URL | Request, init: RequestInit = {}) => {
    if (init.body) posted.push(Object.fromEntries(new URLSearchParams(String(init.body))))
    return send(input, init)
  }
  Object.defineProperty(browser, 'fetch', { value: recording })
  return { browser, posted }
}

/** What next-auth/react writes to localStorage, key by key. */
function recordLocalStorage() {
  const written = new Map<string, string>()
  vi.stubGlobal('localStorage', {
    setItem: (key: string, value: string) => written.set(key, value),
  })
  return written
}

describeChapter('pages/guide/backend-tokens.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000' })

  claim(
    'signing-out-default-redirect',
    'signOut() fetches a CSRF token, posts it to /api/auth/signout, and then sends the browser to callbackUrl, or back to the page it was on when there is none.',
    () => {
      it('posts the CSRF token, then goes to the callbackUrl', async () => {
        const { browser, posted } = await signedInBrowser()
        browser.requests.length = 0
        const href = await inWindowAt(LOGIN_PAGE, () =>
          withClientFetch(browser, () => signOut({ callbackUrl: '/sign-in' })),
        )
        expect(browser.requests).toEqual(['GET /api/auth/csrf', 'POST /api/auth/signout'])
        expect(posted.at(-1)).toMatchObject({ csrfToken: expect.any(String), json: 'true' })
        expect(href).toBe('http://localhost:3000/sign-in')
        expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
      })

      it('posts the page it is on as the callbackUrl when given none, and goes back there', async () => {
        const { browser, posted } = await signedInBrowser()
        const page = 'http://localhost:3000/account?tab=2'
        const href = await inWindowAt(page, () => withClientFetch(browser, () => signOut()))
        expect(posted.at(-1)).toMatchObject({ callbackUrl: page })
        expect(href).toBe(page)
      })
    },
  )

  claim(
    'signing-out-redirect-false',
    'With redirect: false it stays on the page: it resolves with the url it would have gone to, and useSession() in that tab turns unauthenticated without a reload.',
    () => {
      it('resolves with the url and leaves the page where it is', async () => {
        const { browser } = await signedInBrowser()
        let result: unknown
        const href = await inWindowAt(LOGIN_PAGE, async () => {
          result = await withClientFetch(browser, () =>
            signOut({ redirect: false, callbackUrl: '/sign-in' }),
          )
        })
        expect(result).toEqual({ url: 'http://localhost:3000/sign-in' })
        expect(href).toBe(LOGIN_PAGE)
      })

      it('turns useSession() unauthenticated in the same page', async () => {
        const { browser } = await signedInBrowser()
        recordLocalStorage()
        try {
          const { result, status } = await inSessionProvider(browser, LOGIN_PAGE, async (now) => {
            expect(now().status).toBe('authenticated')
            return signOut({ redirect: false })
          })
          expect(result).toEqual({ url: LOGIN_PAGE })
          expect(status).toBe('unauthenticated')
        } finally {
          vi.unstubAllGlobals()
        }
      })
    },
  )

  claim(
    'signing-out-other-tabs',
    'Other tabs of the site learn of it through localStorage: signOut() writes a nextauth.message entry, the browser tells every other tab, and the SessionProvider of each fetches the session again and finds none.',
    () => {
      it('writes the nextauth.message entry when the sign-out is answered', async () => {
        const { browser } = await signedInBrowser()
        const written = recordLocalStorage()
        try {
          await inWindowAt(LOGIN_PAGE, () =>
            withClientFetch(browser, () => signOut({ redirect: false })),
          )
        } finally {
          vi.unstubAllGlobals()
        }
        const message: unknown = JSON.parse(written.get('nextauth.message') ?? 'null')
        expect(message).toMatchObject({ event: 'session', data: { trigger: 'signout' } })
      })

      it('makes another tab’s SessionProvider fetch the session, and find none', async () => {
        const { browser } = await signedInBrowser()
        const { status } = await inSessionProvider(browser, LOGIN_PAGE, async (now) => {
          expect(now().status).toBe('authenticated')
          // The first tab signed out: the shared cookie jar lost the session cookie, and the
          // browser fires a storage event in this tab for the entry that tab wrote.
          await browser.request({
            method: 'POST',
            path: '/api/auth/signout',
            body: {
              csrfToken: await browser.csrfToken(),
            },
          })
          browser.requests.length = 0
          const newValue = JSON.stringify({ event: 'session', data: { trigger: 'signout' } })
          dispatchWindowEvent('storage', { key: 'nextauth.message', newValue })
          await new Promise((resolve) => setTimeout(resolve, 50))
        })
        expect(browser.requests).toEqual(['GET /api/auth/session'])
        expect(status).toBe('unauthenticated')
      })
    },
  )
})
