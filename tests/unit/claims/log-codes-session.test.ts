import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { getSession } from 'next-auth/react'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import {
  Browser,
  callAuth,
  cookieNamed,
  inSessionProvider,
  loadAuthHandler,
  LOGIN_PAGE,
  OTHER_SECRET,
  SECRET,
  SESSION_COOKIE,
  tracedOptions,
  useEnv,
  withClientFetch,
} from './next-auth-harness'
import { capturePrinted, expectShownInChapter, loadClient } from './log-codes-support'

const CONFIG_MESSAGE =
  'There is a problem with the server configuration. Check the server logs for more information.'

/** What Next.js answers for a path it has no page or route for. */
const NOT_FOUND_PAGE = '<!DOCTYPE html><html><head><title>404</title></head><body>404</body></html>'

/** A real HTTP server that answers every request with an HTML 404 page, like a wrong path. */
const htmlServer = createServer((_req, res) => {
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(NOT_FOUND_PAGE)
})
let htmlOrigin = ''
/** An address where nothing listens: a port that was free, then closed again. */
let deadOrigin = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => htmlServer.listen(0, '127.0.0.1', resolve))
  htmlOrigin = `http://127.0.0.1:${(htmlServer.address() as AddressInfo).port}`
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  deadOrigin = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`
  await new Promise((resolve) => probe.close(resolve))
})
afterAll(() => new Promise((resolve) => htmlServer.close(resolve)))

describeChapter('pages/guide/log-codes.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  let logs: ReturnType<typeof capturePrinted>
  beforeEach(() => {
    logs = capturePrinted()
  })
  afterEach(() => logs.restore())

  describe('JWT_SESSION_ERROR', () => {
    /** A browser signed in under SECRET, talking to a server that now has OTHER_SECRET. */
    async function afterSecretChange() {
      const browser = new Browser(tracedOptions().options)
      await browser.signIn()
      browser.options = { ...browser.options, secret: OTHER_SECRET }
      return browser
    }

    claim(
      'log-codes-jwt-session-error',
      'It logs JWT_SESSION_ERROR, answers the session request with an empty session and deletes the cookie, so the reader is signed out. The cookie was encrypted with another secret: the secret changed, instances behind one load balancer disagree, a development server without a secret had its options edited, or another app on the same localhost:3000 set a cookie of the same name.',
      () => {
        it('logs decryption operation failed, answers {} and expires a cookie from another secret', async () => {
          const browser = await afterSecretChange()
          const read = await browser.session()

          expect(read.body).toEqual({})
          expect(cookieNamed(read, SESSION_COOKIE)?.options.maxAge).toBe(0)
          expect(logs.errorCodes()).toEqual(['JWT_SESSION_ERROR'])
          expect(logs.error('JWT_SESSION_ERROR')).toContain("name: 'JWEDecryptionFailed'")
          expectShownInChapter(logs.error('JWT_SESSION_ERROR'))
        })
      },
    )

    claim(
      'log-codes-jwt-session-error-once',
      'Once after you rotate the secret, the error is expected: each reader signed in before the change meets it one time and signs in again.',
      () => {
        it('logs it once per old cookie, and a new sign-in works under the new secret', async () => {
          const browser = await afterSecretChange()
          await browser.session()
          await browser.session()
          expect(logs.errorCodes()).toEqual(['JWT_SESSION_ERROR'])

          await browser.signIn()
          expect((await browser.session()).body).toMatchObject({ user: { name: 'Ada Reader' } })
          expect(logs.errorCodes()).toEqual(['JWT_SESSION_ERROR'])
        })
      },
    )

    claim(
      'log-codes-invalid-compact-jwe',
      'When the cookie is not a NextAuth token at all (edited by hand, or cut short), the message is Invalid Compact JWE instead.',
      () => {
        it('logs Invalid Compact JWE for a cookie that is not a token, or a token cut short', async () => {
          const browser = new Browser(tracedOptions().options)
          await browser.signIn()
          const token = browser.jar.get(SESSION_COOKIE) ?? ''
          const { options } = tracedOptions()
          for (const value of ['edited-by-hand', token.split('.').slice(0, 3).join('.')]) {
            const read = await callAuth(options, {
              path: '/api/auth/session',
              cookies: { [SESSION_COOKIE]: value },
            })
            expect(read.body).toEqual({})
          }
          expect(logs.errors().map((text) => text.split('\n')[1])).toEqual(
            Array(2).fill(
              'https://next-auth.js.org/errors#jwt_session_error Invalid Compact JWE {',
            ),
          )
        })
      },
    )

    claim(
      'log-codes-jwt-callback-throws',
      "And when your jwt callback throws while a session is read, the same code carries your error's message, with the same result: the reader is signed out.",
      () => {
        it('logs the jwt callback’s own message under JWT_SESSION_ERROR and signs the reader out', async () => {
          const { options } = tracedOptions({
            secret: SECRET,
            callbacks: {
              jwt: ({ token, user }) => {
                if (user) return token
                throw new Error('the backend did not answer')
              },
            },
          })
          const browser = new Browser(options)
          await browser.signIn()
          const read = await browser.session()

          expect(read.body).toEqual({})
          expect(cookieNamed(read, SESSION_COOKIE)?.options.maxAge).toBe(0)
          expect(logs.error('JWT_SESSION_ERROR').split('\n')[1]).toBe(
            'https://next-auth.js.org/errors#jwt_session_error the backend did not answer {',
          )
        })
      },
    )
  })

  describe('CLIENT_FETCH_ERROR', () => {
    /** The `url` NextAuth logged with the first CLIENT_FETCH_ERROR. */
    const loggedUrl = () => /url: '([^']*)'/.exec(logs.error('CLIENT_FETCH_ERROR'))?.[1]

    claim(
      'log-codes-client-fetch-null',
      'next-auth/react could not read an answer from your NextAuth route: getSession(), useSession(), getCsrfToken() and getProviders() all fetch from it. It logs CLIENT_FETCH_ERROR with the URL it tried, and getSession() resolves to null, so the page behaves as if nobody were signed in.',
      () => {
        it('logs each failed fetch with its URL; getSession and getProviders resolve to null', async () => {
          const client = loadClient({ NEXTAUTH_URL: htmlOrigin })
          expect(await client.getSession()).toBeNull()
          expect(await client.getCsrfToken()).toBeUndefined()
          expect(await client.getProviders()).toBeNull()

          expect(logs.errorCodes()).toEqual(Array(3).fill('CLIENT_FETCH_ERROR'))
          expect(logs.errors().map((text) => /url: '([^']*)'/.exec(text)?.[1])).toEqual(
            ['session', 'csrf', 'providers'].map((path) => `${htmlOrigin}/api/auth/${path}`),
          )
        })

        it('leaves useSession() unauthenticated when the session fetch fails', async () => {
          const { options } = tracedOptions({ session: { strategy: 'database' } })
          const { status } = await inSessionProvider(new Browser(options), LOGIN_PAGE, () =>
            Promise.resolve(),
          )
          expect(status).toBe('unauthenticated')
          expect(logs.errorCodes()).toContain('CLIENT_FETCH_ERROR')
        })
      },
    )

    claim(
      'log-codes-client-fetch-html',
      `Unexpected token '<', "<!DOCTYPE "... is not valid JSON | an HTML page, such as a 404 page, instead of NextAuth`,
      () => {
        it('prints the JSON parse error when an HTML page answers', async () => {
          await loadClient({ NEXTAUTH_URL: htmlOrigin }).getSession()
          expectShownInChapter(logs.error('CLIENT_FETCH_ERROR'))
        })
      },
    )

    claim(
      'log-codes-client-fetch-config',
      'There is a problem with the server configuration. Check the server logs… | NextAuth, with one of the configuration errors above; the code is in the server log',
      () => {
        it('carries the configuration message while the server logs the code', async () => {
          const { options } = tracedOptions({ session: { strategy: 'database' } })
          const session = await withClientFetch(new Browser(options), () => getSession())

          expect(session).toBeNull()
          expect(logs.errorCodes()).toEqual([
            'CALLBACK_CREDENTIALS_JWT_ERROR',
            'CLIENT_FETCH_ERROR',
          ])
          expect(logs.error('CLIENT_FETCH_ERROR').split('\n')[1]).toBe(
            `https://next-auth.js.org/errors#client_fetch_error ${CONFIG_MESSAGE} {`,
          )
        })
      },
    )

    claim(
      'log-codes-client-fetch-network',
      'fetch failed (on the server) | nothing: no server listens at that address',
      () => {
        it('prints fetch failed when nothing listens', async () => {
          expect(await loadClient({ NEXTAUTH_URL: deadOrigin }).getSession()).toBeNull()
          expect(logs.error('CLIENT_FETCH_ERROR').split('\n')[1]).toBe(
            'https://next-auth.js.org/errors#client_fetch_error fetch failed {',
          )
          expect(loggedUrl()).toBe(`${deadOrigin}/api/auth/session`)
        })
      },
    )

    claim(
      'log-codes-client-fetch-internal-url',
      'On the server, getSession() fetches from NEXTAUTH_URL (or NEXTAUTH_URL_INTERNAL when it is set), so fetch failed there usually means a container that cannot reach its own public address.',
      () => {
        it('fetches from NEXTAUTH_URL_INTERNAL when it is set, and from NEXTAUTH_URL without it', async () => {
          await loadClient({
            NEXTAUTH_URL: deadOrigin,
            NEXTAUTH_URL_INTERNAL: htmlOrigin,
          }).getSession()
          expect(loggedUrl()).toBe(`${htmlOrigin}/api/auth/session`)
          expect(logs.error('CLIENT_FETCH_ERROR')).toContain('is not valid JSON')

          await loadClient({ NEXTAUTH_URL: deadOrigin }).getSession()
          expect(logs.errors()[1]).toContain(`url: '${deadOrigin}/api/auth/session'`)
        })
      },
    )

    claim(
      'log-codes-client-log-post',
      'In the browser, next-auth/react also posts each of these errors to /api/auth/_log.',
      () => {
        it('sends the error to /api/auth/_log with a beacon when it runs in a page', async () => {
          const beacons: { url: string; body: URLSearchParams }[] = []
          // why: the least of a browser next-auth/react needs: it checks for `window` when it is
          // loaded, fetches relative URLs, and reports with navigator.sendBeacon.
          vi.stubGlobal('window', { location: { href: LOGIN_PAGE } })
          vi.stubGlobal('navigator', {
            sendBeacon: (url: string, body: URLSearchParams) => beacons.push({ url, body }),
          })
          vi.stubGlobal('fetch', async () => new Response(NOT_FOUND_PAGE, { status: 404 }))
          try {
            expect(await loadClient({ NEXTAUTH_URL: undefined }).getSession()).toBeNull()
          } finally {
            vi.unstubAllGlobals()
          }
          expect(beacons.map(({ url }) => url)).toEqual(['/api/auth/_log'])
          const sent = Object.fromEntries(beacons[0]?.body ?? [])
          expect(sent).toMatchObject({ level: 'error', code: 'CLIENT_FETCH_ERROR' })
          expect(sent.url).toBe('/api/auth/session')
          expect(logs.errorCodes()).toEqual(['CLIENT_FETCH_ERROR'])
        })
      },
    )

    claim(
      'log-codes-client-log-endpoint',
      'NextAuth passes them on to your logger option there, and drops them when you have none.',
      () => {
        it('hands a posted client error to the logger option, and prints nothing without one', async () => {
          const body = { level: 'error', code: 'CLIENT_FETCH_ERROR', message: 'fetch failed' }
          const seen: unknown[] = []
          const logger = { error: (code: string, metadata: unknown) => seen.push(code, metadata) }
          const { options } = tracedOptions()
          const post = { method: 'POST' as const, path: '/api/auth/_log', body }
          // why: a logger option replaces NextAuth's for the rest of the process, so this test
          // runs on a copy of the library of its own.
          const handler = loadAuthHandler({ fresh: true })

          expect(await callAuth(options, post, handler)).toMatchObject({
            status: 200,
            body: undefined,
          })
          expect([...logs.errors(), ...logs.warnings()]).toEqual([])

          expect((await callAuth({ ...options, logger }, post, handler)).status).toBe(200)
          expect(seen).toEqual(['CLIENT_FETCH_ERROR', { message: 'fetch failed' }])
        })
      },
    )
  })
})
