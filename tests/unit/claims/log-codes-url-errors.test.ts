import type { AuthOptions } from 'next-auth'
import { SessionProvider, useSession } from 'next-auth/react'
import { act, createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import type { AuthAnswer } from './next-auth-harness'
import { Browser, callAuth, tracedOptions, useEnv, withClientFetch } from './next-auth-harness'
import { capturePrinted } from './log-codes-support'

const FAILED = 'Sign in failed. Check the details you provided are correct.'
const DENIED = 'You do not have permission to sign in.'
const REQUIRED = 'Please sign in to access this page.'
const UNKNOWN_VALUE = 'Unable to sign in.'

/** Follows NextAuth's redirects under /api/auth; the pages passed through, and the last answer. */
async function follow(browser: Browser, first: AuthAnswer) {
  const chain: string[] = []
  let answer = first
  while (answer.location && chain.length < 5) {
    const url = new URL(answer.location, 'http://localhost:3000')
    chain.push(url.pathname + url.search)
    if (!url.pathname.startsWith('/api/auth/')) break
    answer = await browser.request({ path: url.pathname + url.search })
  }
  return { chain, last: answer }
}

/** A form post of the sign-in (no `json`, so NextAuth redirects), followed to where it ends. */
async function postForm(options: AuthOptions) {
  const browser = new Browser(options)
  const csrfToken = await browser.csrfToken()
  const body = { email: 'ada@example.com', password: 'pw', csrfToken }
  const first = await browser.request({ method: 'POST', path: '/api/auth/callback/login', body })
  return { first, ...(await follow(browser, first)) }
}

/** The `error` value of the first redirect of a failed form post under `options`. */
async function errorValueOf(options: AuthOptions) {
  const { first } = await postForm(options)
  return new URL(first.location ?? '', 'http://localhost:3000').searchParams.get('error')
}

/**
 * Where a signed-out reader's browser goes from a page that calls useSession({ required: true }),
 * with next-auth/react's real SessionProvider mounted by react-dom.
 */
async function requiredSessionRedirect(options: AuthOptions, href: string): Promise<string> {
  // why: the least of a DOM that react-dom and SessionProvider need (as in the harness's
  // inSessionProvider, whose probe cannot pass options to useSession).
  const listeners = { addEventListener: () => {}, removeEventListener: () => {} }
  const document = { ...listeners, visibilityState: 'visible', activeElement: null }
  const location = { href, reload: () => {} }
  vi.stubGlobal('window', { ...listeners, document, location, HTMLIFrameElement: class {} })
  vi.stubGlobal('document', document)
  vi.stubGlobal('IS_REACT_ACT_ENVIRONMENT', true)
  const container = { ...listeners, nodeType: 1, nodeName: 'DIV', tagName: 'DIV' }
  const node = {
    ...container,
    namespaceURI: 'http://www.w3.org/1999/xhtml',
    ownerDocument: document,
  }
  function ProtectedPage() {
    useSession({ required: true })
    return null
  }
  try {
    await withClientFetch(new Browser(options), async () => {
      // why: react-dom only needs the members above; the container is never drawn into.
      const root = createRoot(node as unknown as Element)
      await act(async () =>
        root.render(createElement(SessionProvider, null, createElement(ProtectedPage))),
      )
      for (let turn = 0; location.href === href && turn < 200; turn++) {
        await act(() => new Promise((resolve) => setTimeout(resolve, 5)))
      }
      await act(async () => root.unmount())
    })
    return location.href
  } finally {
    vi.unstubAllGlobals()
  }
}

describeChapter('pages/guide/log-codes.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  let logs: ReturnType<typeof capturePrinted>
  beforeEach(() => {
    logs = capturePrinted()
  })
  afterEach(() => logs.restore())

  claim(
    'log-codes-query-credentials-signin',
    'CredentialsSignin | authorize() returned null | the sign-in page: "Sign in failed. Check the details you provided are correct."',
    () => {
      it('sends a refused form post to the sign-in page with error=CredentialsSignin', async () => {
        const { first, chain, last } = await postForm(
          tracedOptions({ authorize: () => null }).options,
        )

        expect(first.status).toBe(302)
        expect(chain).toEqual([
          '/api/auth/error?error=CredentialsSignin&provider=login',
          '/api/auth/signin?error=CredentialsSignin',
        ])
        expect(last.status).toBe(200)
        expect(last.body).toContain(FAILED)
      })
    },
  )

  claim(
    'log-codes-query-thrown',
    'your code | authorize() or the signIn callback threw it | the error page, which shows only "Error" for a value it does not know',
    () => {
      it('sends a thrown code to the error page, which shows Error and not the code', async () => {
        const fail = () => {
          throw new Error('rate_limited')
        }
        for (const options of [
          tracedOptions({ authorize: fail }).options,
          tracedOptions({ callbacks: { signIn: fail } }).options,
        ]) {
          const { chain, last } = await postForm(options)
          expect(chain).toEqual(['/api/auth/error?error=rate_limited'])
          expect(last.status).toBe(200)
          expect(last.body).toContain('<h1>Error</h1>')
          expect(last.body).not.toContain('rate_limited')
        }
      })
    },
  )

  claim(
    'log-codes-query-access-denied',
    'AccessDenied | the signIn callback returned false | the error page, 403: "You do not have permission to sign in."',
    () => {
      it('sends a refused signIn callback to the error page with a 403', async () => {
        const { chain, last } = await postForm(
          tracedOptions({ callbacks: { signIn: () => false } }).options,
        )
        expect(chain).toEqual(['/api/auth/error?error=AccessDenied'])
        expect(last.status).toBe(403)
        expect(last.body).toContain(DENIED)
      })
    },
  )

  claim(
    'log-codes-query-session-required',
    'SessionRequired | useSession({ required: true }) found no session | the sign-in page: "Please sign in to access this page."',
    () => {
      it('sends a signed-out reader to the sign-in page with error=SessionRequired', async () => {
        const page = 'http://localhost:3000/account'
        const href = await requiredSessionRedirect(tracedOptions().options, page)
        const url = new URL(href, 'http://localhost:3000')

        expect(url.pathname).toBe('/api/auth/signin')
        expect(Object.fromEntries(url.searchParams)).toEqual({
          error: 'SessionRequired',
          callbackUrl: page,
        })
        const signInPage = await callAuth(tracedOptions().options, { path: href })
        expect(signInPage.body).toContain(REQUIRED)
      })
    },
  )

  claim(
    'log-codes-query-configuration',
    'Configuration | a configuration error, with pages.error set | your error page',
    () => {
      it('redirects NextAuth’s pages to pages.error?error=Configuration', async () => {
        const { options } = tracedOptions({
          session: { strategy: 'database' },
          pages: { error: '/oops' },
        })
        for (const path of ['/api/auth/signin', '/api/auth/error?error=CredentialsSignin']) {
          expect((await callAuth(options, { path })).location).toBe('/oops?error=Configuration')
        }
      })
    },
  )

  claim(
    'log-codes-query-own-pages',
    'With your own pages.signIn and pages.error, NextAuth redirects to them with the same error value, and the wording is yours.',
    () => {
      it('passes CredentialsSignin, AccessDenied and SessionRequired on to your pages', async () => {
        const pages = { signIn: '/login', error: '/oops' }
        const refused = await postForm(tracedOptions({ pages, authorize: () => null }).options)
        const denied = await postForm(
          tracedOptions({ pages, callbacks: { signIn: () => false } }).options,
        )
        const required = await callAuth(tracedOptions({ pages }).options, {
          path: '/api/auth/signin?error=SessionRequired&callbackUrl=%2Faccount',
        })

        expect(refused.chain.at(-1)).toBe(
          '/login?callbackUrl=http%3A%2F%2Flocalhost%3A3000&error=CredentialsSignin',
        )
        expect(denied.chain.at(-1)).toBe('/oops?error=AccessDenied')
        expect(required.location).toBe(
          '/login?callbackUrl=http%3A%2F%2Flocalhost%3A3000%2Faccount&error=SessionRequired',
        )
      })
    },
  )

  claim(
    'log-codes-query-only-these',
    'Signin, Callback, Verification, EmailSignin and the OAuth… values come from OAuth and Email sign-ins; a Credentials sign-in fails only with the values above.',
    () => {
      it('fails each way a Credentials sign-in can with CredentialsSignin, AccessDenied or the thrown code', async () => {
        const fail = () => {
          throw new Error('unavailable')
        }
        const values = [
          await errorValueOf(tracedOptions({ authorize: () => null }).options),
          await errorValueOf(tracedOptions({ authorize: fail }).options),
          await errorValueOf(tracedOptions({ callbacks: { signIn: () => false } }).options),
          await errorValueOf(tracedOptions({ callbacks: { signIn: fail } }).options),
        ]
        expect(values).toEqual(['CredentialsSignin', 'unavailable', 'AccessDenied', 'unavailable'])
        expect(logs.errors()).toEqual([])
      })
    },
  )

  claim(
    'log-codes-query-default',
    'Default is not a value NextAuth sends: it is the name of the fallback its pages use for a value they do not know, which is where your own codes land.',
    () => {
      it('shows the fallback text for an unknown value on the sign-in page and the error page', async () => {
        const { options } = tracedOptions()
        const signIn = await callAuth(options, { path: '/api/auth/signin?error=rate_limited' })
        const error = await callAuth(options, { path: '/api/auth/error?error=rate_limited' })
        const named = await callAuth(options, { path: '/api/auth/error?error=Default' })

        expect(signIn.body).toContain(UNKNOWN_VALUE)
        expect(error).toMatchObject({ status: 200 })
        expect(error.body).toContain('<h1>Error</h1>')
        expect(named.body).toEqual(error.body)
      })
    },
  )
})
