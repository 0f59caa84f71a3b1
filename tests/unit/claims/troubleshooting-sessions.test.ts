import { request as httpRequest, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { CallbacksOptions } from 'next-auth'
import type { JWT } from 'next-auth/jwt'
import { decode } from 'next-auth/jwt'
import { afterEach, beforeEach, expect, it } from 'vitest'

import { createBackendClient } from '@reference-app/lib/backend'
import { createCallbacks } from '@reference-app/lib/callbacks'

import { claim, describeChapter } from '../../support/claims'

import {
  ADA,
  Browser,
  callsOf,
  captureLogs,
  cookieNamed,
  inSessionProvider,
  loadAuthHandler,
  LOGIN_PAGE,
  SECRET,
  SESSION_COOKIE,
  signInFromPage,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

const CHUNK_SIZE = 4096 - 163

/** A backend client for callbacks whose calls these tests never reach. */
const UNREACHABLE_BACKEND = createBackendClient({ baseUrl: 'http://127.0.0.1:9' })

/** Options whose jwt callback puts `size` characters into the token at sign-in. */
function bigTokenOptions(size: number, extra: Parameters<typeof tracedOptions>[0] = {}) {
  return tracedOptions({
    ...extra,
    callbacks: { jwt: ({ token, user }) => (user ? { ...token, blob: 'x'.repeat(size) } : token) },
  })
}

describeChapter('pages/guide/troubleshooting.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  let logs: ReturnType<typeof captureLogs>
  beforeEach(() => {
    logs = captureLogs()
  })
  afterEach(() => logs.restore())

  claim(
    'troubleshooting-signin-refetches-session',
    'With redirect: false it waits for the sign-in request, and when that succeeds it makes SessionProvider fetch /api/auth/session again before it resolves, so useSession() changes from unauthenticated to authenticated with no help from you.',
    () => {
      it('resolves only after SessionProvider fetched the session, with useSession() authenticated', async () => {
        const { requests, status } = await signInFromPage()

        expect(requests.slice(-2)).toEqual([
          'POST /api/auth/callback/login',
          'GET /api/auth/session',
        ])
        expect(status).toBe('authenticated')
      })

      it('fetches no session when the sign-in fails', async () => {
        const { requests, status } = await signInFromPage({ authorize: () => null })

        expect(requests.at(-1)).toBe('POST /api/auth/callback/login')
        expect(status).toBe('unauthenticated')
      })
    },
  )

  claim(
    'troubleshooting-stale-token',
    'The data changed on the server after sign-in, for instance the reader renamed themselves through your backend. The token still holds what jwt put there, and refetching the session returns the same thing.',
    () => {
      it('keeps answering the name from sign-in after the backend changed it', async () => {
        const backend = { name: 'Ada Reader' }
        const browser = new Browser(
          tracedOptions({ authorize: () => ({ ...ADA, name: backend.name }) }).options,
        )
        await browser.signIn()
        backend.name = 'Ada Renamed'

        expect((await browser.session()).body).toMatchObject({ user: { name: 'Ada Reader' } })
      })
    },
  )

  claim(
    'troubleshooting-update-trigger',
    "It posts to /api/auth/session, where jwt runs with trigger: 'update' and can fetch fresh data. The session callback must then copy that data from token, because NextAuth's default builds session.user from the token as it was before jwt ran:",
    () => {
      // why: the default session callback builds session.user from the token as it was
      // decrypted, so the answer to the update itself (what update() resolves to) still shows the
      // old name; only the next read shows the new one.
      it('lets jwt refresh the token on an update POST, which the default session shows only from the next read', async () => {
        const backend = { name: 'Ada Renamed' }
        const jwt = ({ token, trigger }: { token: JWT; trigger?: string }) =>
          trigger === 'update' ? { ...token, name: backend.name } : token
        const updateAndRead = async (callbacks: Partial<CallbacksOptions>) => {
          const browser = new Browser(tracedOptions({ callbacks: { jwt, ...callbacks } }).options)
          await browser.signIn()
          const csrfToken = await browser.csrfToken()
          const update = { method: 'POST', path: '/api/auth/session', body: { csrfToken } } as const
          const updated = await browser.request(update)
          return { updated: updated.body, next: (await browser.session()).body }
        }

        const withDefault = await updateAndRead({})
        expect(withDefault.updated).toMatchObject({ user: { name: 'Ada Reader' } })
        expect(withDefault.next).toMatchObject({ user: { name: 'Ada Renamed' } })

        const fromToken = await updateAndRead({
          session: ({ session, token }) => ({
            ...session,
            user: { ...session.user, name: token.name },
          }),
        })
        expect(fromToken.updated).toMatchObject({ user: { name: 'Ada Renamed' } })

        const { session: referenceSession } = createCallbacks(UNREACHABLE_BACKEND)
        const fromReference = await updateAndRead({ session: referenceSession })
        expect(fromReference.updated).toMatchObject({ user: { name: 'Ada Renamed' } })
      })
    },
  )

  claim(
    'troubleshooting-update-data-unchecked',
    'Do not copy what the browser sent: update(data) hands data to jwt as session, unchecked, so a reader could rename themselves, or make themselves an editor, from the console.',
    () => {
      it('hands what useSession().update() was given to jwt as session, with trigger update', async () => {
        const { options, trace } = tracedOptions()
        const browser = new Browser(options)
        await browser.signIn()

        await inSessionProvider(browser, LOGIN_PAGE, async (useSessionNow) => {
          trace.length = 0
          await useSessionNow().update({ role: 'editor' })
        })

        expect(callsOf(trace, 'jwt')).toContainEqual(
          expect.objectContaining({ trigger: 'update', session: { role: 'editor' } }),
        )
      })

      it('takes the same data from any POST that carries the CSRF token, such as a fetch() typed in the console', async () => {
        const { options, trace } = tracedOptions()
        const browser = new Browser(options)
        await browser.signIn()
        const csrfToken = await browser.csrfToken()
        trace.length = 0

        await browser.request({
          method: 'POST',
          path: '/api/auth/session',
          body: { csrfToken, data: { name: 'Mallory', role: 'editor' } },
        })

        expect(callsOf(trace, 'jwt')).toEqual([
          expect.objectContaining({
            trigger: 'update',
            session: { name: 'Mallory', role: 'editor' },
          }),
        ])
      })
    },
  )

  claim(
    'troubleshooting-update-needs-session',
    'update() does nothing while the session is loading or when nobody is signed in: it refreshes a session, it cannot create one.',
    () => {
      it('sends nothing from update() when nobody is signed in', async () => {
        const browser = new Browser(tracedOptions().options)

        const { result } = await inSessionProvider(browser, LOGIN_PAGE, async (useSessionNow) => {
          browser.requests.length = 0
          return useSessionNow().update({ name: 'Someone' })
        })

        expect(result).toBeUndefined()
        expect(browser.requests).toEqual([])
      })

      it('answers an update POST without a session with {} and runs no jwt', async () => {
        const { options, trace } = tracedOptions()
        const browser = new Browser(options)
        const csrfToken = await browser.csrfToken()

        const answer = await browser.request({
          method: 'POST',
          path: '/api/auth/session',
          body: { csrfToken, data: { name: 'Someone' } },
        })

        expect(answer.body).toEqual({})
        expect(callsOf(trace, 'jwt')).toEqual([])
        expect(cookieNamed(answer, SESSION_COOKIE)).toBeUndefined()
      })
    },
  )

  claim(
    'troubleshooting-default-token',
    'By default that is only name, email, picture and sub, plus the timestamps and id NextAuth adds itself.',
    () => {
      it('puts only name, email, picture, sub, iat, exp and jti into a default token', async () => {
        const answer = await new Browser(tracedOptions().options).signIn()
        const token = await decode({
          token: cookieNamed(answer, SESSION_COOKIE)?.value,
          secret: SECRET,
        })
        expect(Object.keys(token ?? {}).sort()).toEqual([
          'email',
          'exp',
          'iat',
          'jti',
          'name',
          'picture',
          'sub',
        ])
      })
    },
  )

  claim(
    'troubleshooting-cookie-chunks',
    'Browsers keep about 4,096 bytes per cookie, so NextAuth splits the value into chunks of at most 3,933 characters (4,096 minus 163 it sets aside for the name and attributes) and names them next-auth.session-token.0, .1, and so on. It glues them back together when it reads them, and expires leftover chunks when the token shrinks again.',
    () => {
      it('splits a large token into .0 and .1 cookies of at most 3,933 characters and reads them back', async () => {
        const { options, trace } = bigTokenOptions(5000)
        const browser = new Browser(options)
        const answer = await browser.signIn()

        const chunks = answer.cookies.filter((cookie) => cookie.name.startsWith(SESSION_COOKIE))
        expect(chunks.map((cookie) => cookie.name)).toEqual([
          `${SESSION_COOKIE}.0`,
          `${SESSION_COOKIE}.1`,
        ])
        expect(chunks[0]?.value.length).toBe(CHUNK_SIZE)
        expect(chunks[1]?.value.length).toBeLessThanOrEqual(CHUNK_SIZE)

        await browser.session()
        const readToken = callsOf(trace, 'jwt').at(-1)?.token as { blob?: string }
        expect(readToken.blob).toHaveLength(5000)
      })

      it('expires the leftover chunks when the token shrinks back into one cookie', async () => {
        const { options } = tracedOptions({
          callbacks: {
            jwt: ({ token, user }) => {
              const { blob: _dropped, ...small } = token
              return user ? { ...token, blob: 'x'.repeat(5000) } : small
            },
          },
        })
        const browser = new Browser(options)
        await browser.signIn()

        const answer = await browser.session()

        expect(cookieNamed(answer, `${SESSION_COOKIE}.0`)?.options.maxAge).toBe(0)
        expect(cookieNamed(answer, `${SESSION_COOKIE}.1`)?.options.maxAge).toBe(0)
        expect(cookieNamed(answer, SESSION_COOKIE)?.value).toMatch(/^ey/)
        expect([...browser.jar.keys()].filter((name) => name.startsWith(SESSION_COOKIE))).toEqual([
          SESSION_COOKIE,
        ])
      })
    },
  )

  claim(
    'troubleshooting-node-431',
    'A few kilobytes of cookies per request add up, and past a point servers refuse the request outright: Node.js rejects requests whose headers exceed 16 KB with a 431, and many proxies have smaller limits.',
    () => {
      it('sees Node.js answer 431 to a request with 17 KB of cookies', async () => {
        const server = createServer((_req, res) => res.end('ok'))
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
        const { port } = server.address() as AddressInfo
        try {
          const status = await new Promise<number | undefined>((resolve, reject) => {
            const req = httpRequest({
              port,
              host: '127.0.0.1',
              headers: { cookie: `a=${'x'.repeat(17_000)}` },
            })
            req
              .on('response', (res) => resolve(res.statusCode))
              .on('error', reject)
              .end()
          })
          expect(status).toBe(431)
        } finally {
          server.close()
        }
      })
    },
  )

  claim(
    'troubleshooting-chunking-debug-log',
    'NextAuth mentions the chunking only in its debug log, as CHUNKING_SESSION_COOKIE.',
    () => {
      it('logs CHUNKING_SESSION_COOKIE with debug on, and nothing at all with debug off', async () => {
        await new Browser(bigTokenOptions(5000).options).signIn()
        expect([...logs.errors(), ...logs.warnings(), ...logs.debug()]).toEqual([])

        const handler = loadAuthHandler({ fresh: true })
        await new Browser(bigTokenOptions(5000, { debug: true }).options, { handler }).signIn()
        expect(logs.debug()).toContain('[next-auth][debug][CHUNKING_SESSION_COOKIE]')
      })
    },
  )
})
