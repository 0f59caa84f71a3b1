import type { AuthOptions, CallbacksOptions } from 'next-auth'
import type { JWT } from 'next-auth/jwt'
import { afterEach, beforeEach, expect, it } from 'vitest'

import { createBackendClient } from '@reference-app/lib/backend'
import { createCallbacks } from '@reference-app/lib/callbacks'

import { claim, describeChapter } from '../../support/claims'
import type { ScriptedBackend } from '../reference-app/scripted-backend'
import { refused, startScriptedBackend, tokens } from '../reference-app/scripted-backend'

import {
  ADA,
  Browser,
  callsOf,
  captureLogs,
  cookieNamed,
  inSessionProvider,
  LOGIN_PAGE,
  readServerSession,
  readToken,
  SECRET,
  SESSION_COOKIE,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

const LIVE = () => Date.now() + 300_000
/** Already inside the reference app's five-second margin: the next read refreshes. */
const DUE = () => Date.now() + 1_000

// why: tests that mount SessionProvider point the global fetch at NextAuth; the backend client
// must keep reaching the backend.
const networkFetch = globalThis.fetch

let backend: ScriptedBackend

/** The reference app's callbacks, against the scripted backend. */
function referenceCallbacks(): Pick<CallbacksOptions, 'jwt' | 'session'> {
  return createCallbacks(
    createBackendClient({ baseUrl: backend.url, timeoutMs: 2_000, fetch: networkFetch }),
  )
}

/** Signed in with the reference app's callbacks; authorize() answers with `accessTokenExpires`. */
async function signInWith(accessTokenExpires: number, extra: Partial<AuthOptions> = {}) {
  const traced = tracedOptions({
    ...extra,
    callbacks: { ...referenceCallbacks(), ...extra.callbacks },
    authorize: () => ({ ...ADA, accessTokenExpires }),
  })
  const browser = new Browser(traced.options)
  await browser.signIn()
  return { browser, ...traced }
}

const tokenIn = (browser: Browser) => readToken(Object.fromEntries(browser.jar), SECRET)

describeChapter('pages/guide/backend-tokens.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })
  beforeEach(async () => {
    backend = await startScriptedBackend()
  })
  afterEach(async () => {
    await backend.close()
  })

  claim(
    'backend-tokens-copied-at-sign-in',
    'authorize() returns them with the user (the providers chapter shows how); the jwt callback copies them into the token the one time user is present.',
    () => {
      it('finds the tokens and the role from authorize() in the cookie after sign-in', async () => {
        const { browser, trace } = await signInWith(LIVE())

        expect(await tokenIn(browser)).toMatchObject({
          role: ADA.role,
          accessToken: ADA.accessToken,
          accessTokenExpires: expect.any(Number),
          refreshToken: ADA.refreshToken,
        })
        expect(callsOf(trace, 'jwt').map((args) => Boolean(args.user))).toEqual([true])
      })

      it('has user only on the sign-in request', async () => {
        const { browser, trace } = await signInWith(LIVE())
        trace.length = 0

        await browser.session()

        expect(callsOf(trace, 'jwt').map((args) => args.user)).toEqual([undefined])
      })
    },
  )

  claim(
    'backend-tokens-server-only',
    'The reference app leaves the access token out too, so the browser only learns when it expires.',
    () => {
      it('keeps both tokens out of the session JSON, which shows only the expiry', async () => {
        const { browser } = await signInWith(LIVE())

        const { body } = await browser.session()

        expect(body).toMatchObject({ user: { id: ADA.id }, accessTokenExpires: expect.any(Number) })
        expect(JSON.stringify(body)).not.toContain(ADA.accessToken)
        expect(JSON.stringify(body)).not.toContain(ADA.refreshToken)
      })
    },
  )

  claim(
    'backend-tokens-get-token',
    'Code that calls your backend for the reader runs on the server (an API route, getServerSideProps) and reads the access token from the cookie with getToken() from next-auth/jwt, which decrypts the token without running any callback.',
    () => {
      it('reads the access token with getToken(), running no callback', async () => {
        const { browser, trace } = await signInWith(LIVE())
        trace.length = 0

        expect(await tokenIn(browser)).toMatchObject({ accessToken: ADA.accessToken })
        expect(trace).toEqual([])
      })
    },
  )

  claim(
    'backend-tokens-refresh-in-jwt',
    'Because jwt runs on every session read, it can notice that the access token is about to expire and replace it before anything uses it.',
    () => {
      it('replaces an expiring access token on the next session read, in the cookie it sends back', async () => {
        const { browser } = await signInWith(DUE())
        backend.answer('/refresh', { status: 200, body: tokens(2, LIVE()) })

        await browser.session()

        expect(backend.calls).toEqual([
          { path: '/refresh', body: { refreshToken: ADA.refreshToken } },
        ])
        expect(await tokenIn(browser)).toMatchObject({
          accessToken: 'access-2',
          refreshToken: 'refresh-2',
        })
      })

      it('leaves a live access token alone', async () => {
        const { browser } = await signInWith(LIVE())
        await browser.session()
        expect(backend.calls).toEqual([])
      })
    },
  )

  claim(
    'backend-tokens-jwt-throws',
    'NextAuth catches it, logs JWT_SESSION_ERROR and deletes the session cookie, so one slow answer from the backend would sign the reader out.',
    () => {
      it('deletes the session cookie and logs JWT_SESSION_ERROR when jwt throws on a read', async () => {
        const jwt: CallbacksOptions['jwt'] = ({ token, user }) => {
          if (user) return token
          throw new Error('The backend took too long')
        }
        const { browser } = await signInWith(LIVE(), { callbacks: { jwt } })
        const logs = captureLogs()

        const answer = await browser.session()
        logs.restore()

        expect(answer.body).toEqual({})
        expect(cookieNamed(answer, SESSION_COOKIE)?.options).toMatchObject({ maxAge: 0 })
        expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
        expect(logs.errors()).toContain('[next-auth][error][JWT_SESSION_ERROR]')
      })
    },
  )

  claim(
    'backend-tokens-refused-session-remains',
    'After a refusal the cookie still decrypts, so NextAuth still has a session to give: getServerSession() returns it and useSession() reports authenticated, both with the error that the session callback passed on.',
    () => {
      it('returns the refused session from getServerSession() and as authenticated to useSession()', async () => {
        const { browser, options } = await signInWith(DUE())
        backend.answer('/refresh', refused('invalid_token', 401))
        await browser.session()

        const { session } = await readServerSession(options, Object.fromEntries(browser.jar))
        const { result, status } = await inSessionProvider(browser, LOGIN_PAGE, async (now) =>
          Promise.resolve(now().data),
        )

        expect(session).toMatchObject({ error: 'RefreshAccessTokenError' })
        expect(status).toBe('authenticated')
        expect(result).toMatchObject({ error: 'RefreshAccessTokenError' })
      })
    },
  )

  claim(
    'backend-tokens-sign-out-event',
    'With JWT sessions, NextAuth calls events.signOut with the decrypted session cookie as token, and waits for it before it answers. If the event throws, NextAuth logs SIGN_OUT_EVENT_ERROR and deletes the cookie all the same.',
    () => {
      async function signOut(signOutEvent: NonNullable<AuthOptions['events']>['signOut']) {
        const { browser } = await signInWith(LIVE(), { events: { signOut: signOutEvent } })
        const sealed = await tokenIn(browser)
        const csrfToken = await browser.csrfToken()
        const answer = await browser.request({
          method: 'POST',
          path: '/api/auth/signout',
          body: { csrfToken },
        })
        return { browser, sealed, answer }
      }

      it('hands the event the decrypted token, and answers only once the event is done', async () => {
        const seen: (JWT | null)[] = []
        let finished = false
        const { browser, sealed } = await signOut(async ({ token }) => {
          await new Promise((resolve) => setTimeout(resolve, 50))
          seen.push(token)
          finished = true
        })

        expect(finished).toBe(true)
        expect(seen).toEqual([sealed])
        expect(seen[0]).toMatchObject({ refreshToken: ADA.refreshToken })
        expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
      })

      it('logs SIGN_OUT_EVENT_ERROR and deletes the cookie when the event throws', async () => {
        const logs = captureLogs()
        const { browser, answer } = await signOut(() => {
          throw new Error('The backend is down')
        })
        logs.restore()

        expect(logs.errors()).toContain('[next-auth][error][SIGN_OUT_EVENT_ERROR]')
        expect(answer.status).toBe(302)
        expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
      })
    },
  )

  claim(
    'backend-tokens-concurrent-reads',
    'Two requests that read an expiring session at the same moment (two tabs regaining focus, a page and its API call) each run jwt on their own copy of the cookie: NextAuth does nothing to make one wait for the other.',
    () => {
      it('runs jwt for two reads of one cookie at the same time, each with the same token', async () => {
        let inside = 0
        let bothInside: () => void = () => {}
        const bothArrived = new Promise<void>((resolve) => {
          bothInside = resolve
        })
        const jwt: CallbacksOptions['jwt'] = async ({ token, user }) => {
          if (user) return { ...token, refreshToken: 'refresh-1' }
          inside += 1
          if (inside === 2) bothInside()
          // why: a read that had to wait for the other would never see two inside at once.
          const timeout = new Promise((_, reject) =>
            setTimeout(() => reject(new Error('alone')), 2_000),
          )
          await Promise.race([bothArrived, timeout])
          return token
        }
        const { browser, trace } = await signInWith(DUE(), { callbacks: { jwt } })
        trace.length = 0
        const tab = () => new Browser(browser.options)
        const [first, second] = [tab(), tab()]
        for (const each of [first, second]) for (const [k, v] of browser.jar) each.jar.set(k, v)

        const answers = await Promise.all([first.session(), second.session()])

        expect(answers.map((answer) => answer.body)).toEqual([
          expect.objectContaining({ user: expect.anything() }),
          expect.objectContaining({ user: expect.anything() }),
        ])
        const tokensSeen = callsOf(trace, 'jwt').map((args) => (args.token as JWT).refreshToken)
        expect(tokensSeen).toEqual(['refresh-1', 'refresh-1'])
      })
    },
  )
})
