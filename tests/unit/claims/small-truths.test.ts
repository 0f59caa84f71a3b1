import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import type { AuthOptions, CallbacksOptions } from 'next-auth'
import type { Adapter, AdapterSession, AdapterUser } from 'next-auth/adapters'
import CredentialsProvider from 'next-auth/providers/credentials'
import { afterEach, beforeEach, expect, it } from 'vitest'

import { createAuthorize, logInCredentials, signUpCredentials } from '@reference-app/lib/authorize'
import type { ProviderId } from '@reference-app/lib/authorize'
import { createBackendClient } from '@reference-app/lib/backend'
import { createCallbacks } from '@reference-app/lib/callbacks'

import { claim, describeChapter } from '../../support/claims'
import type { ScriptedBackend } from '../reference-app/scripted-backend'
import { startScriptedBackend, tokens } from '../reference-app/scripted-backend'

import {
  Browser,
  callAuth,
  captureLogs,
  cookieNamed,
  SECRET,
  SESSION_COOKIE,
  setEnv,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

const LIVE = () => Date.now() + 300_000
const DAY_S = 24 * 60 * 60

describeChapter('pages/guide/callbacks.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })
  let backend: ScriptedBackend
  beforeEach(async () => {
    backend = await startScriptedBackend()
  })
  afterEach(async () => {
    await backend.close()
  })

  /**
   * The reference app's two providers and callbacks against the scripted backend, with `jwt`
   * recording what it was given.
   */
  function referenceOptions() {
    const client = createBackendClient({ baseUrl: backend.url, timeoutMs: 2_000 })
    const callbacks = createCallbacks(client)
    const jwtCalls: Parameters<CallbacksOptions['jwt']>[0][] = []
    const options: AuthOptions = {
      secret: SECRET,
      providers: [
        CredentialsProvider({
          id: 'login',
          credentials: logInCredentials,
          authorize: createAuthorize('login', client),
        }),
        CredentialsProvider({
          id: 'signup',
          credentials: signUpCredentials,
          authorize: createAuthorize('signup', client),
        }),
      ],
      session: { strategy: 'jwt' },
      callbacks: {
        ...callbacks,
        jwt: (params) => {
          jwtCalls.push({ ...params })
          return callbacks.jwt(params)
        },
      },
    }
    return { options, jwtCalls }
  }

  /** Signs in through `providerId`; the backend answers with a new or an existing account. */
  async function signInThrough(providerId: ProviderId) {
    const { options, jwtCalls } = referenceOptions()
    backend.answer(`/${providerId}`, { status: 200, body: tokens(1, LIVE()) })
    const browser = new Browser(options)
    const fields = { email: 'new@example.com', password: 'a long new password', name: 'New' }
    const answer = await browser.signIn(fields, { providerId })
    expect(answer.body).toEqual({ url: 'http://localhost:3000' })
    expect(backend.calls.map((call) => call.path)).toEqual([`/${providerId}`])
    return jwtCalls
  }

  claim(
    'callbacks-credentials-sign-up-is-sign-in',
    'With a Credentials provider, jwt gets trigger: "signIn" and isNewUser: false on every sign-in, and that includes the reference app\'s signup provider, whose authorize() has just created the account.',
    () => {
      for (const providerId of ['login', 'signup'] as const) {
        it(`runs jwt with trigger signIn and isNewUser false on a sign-in through ${providerId}`, async () => {
          const jwtCalls = await signInThrough(providerId)

          expect(jwtCalls).toHaveLength(1)
          expect(jwtCalls[0]).toMatchObject({
            trigger: 'signIn',
            isNewUser: false,
            user: { id: 'user-1' },
          })
        })
      }
    },
  )

  claim(
    'callbacks-account-provider-id',
    'On a Credentials sign-in it is the id of the provider the form posted to, so "signup" for the reference app\'s sign-up form.',
    () => {
      for (const providerId of ['login', 'signup'] as const) {
        it(`hands jwt account.provider ${providerId} on a sign-in through ${providerId}`, async () => {
          const jwtCalls = await signInThrough(providerId)

          expect(jwtCalls[0]?.account).toMatchObject({
            provider: providerId,
            type: 'credentials',
          })
        })
      }
    },
  )
})

/**
 * An adapter holding one database session that was last written `writtenAgoMs` ago, recording
 * each time NextAuth writes a new expiry.
 */
function databaseWithOneSession(maxAgeS: number, writtenAgoMs: number) {
  const updates: Partial<AdapterSession>[] = []
  // why: the project's User declares the backend's fields, which a database user would not have.
  const user = { id: 'user-1', email: 'ada@example.com', emailVerified: null } as AdapterUser
  const session: AdapterSession = {
    sessionToken: 'session-1',
    userId: user.id,
    expires: new Date(Date.now() + maxAgeS * 1000 - writtenAgoMs),
  }
  // why: the session route calls only these three; the rest would never be reached.
  const adapter = {
    getSessionAndUser: async () => ({ session, user }),
    updateSession: async (update: Partial<AdapterSession>) => {
      updates.push(update)
      return null
    },
    deleteSession: async () => null,
  } as unknown as Adapter
  return { adapter, updates }
}

describeChapter('pages/guide/troubleshooting.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  claim(
    'troubleshooting-update-age-database',
    "session.updateAge is for database sessions: NextAuth writes a session's new expiry to the database only once that much time has passed since the last write.",
    () => {
      it('writes a database session’s expiry only when updateAge has passed since the last write', async () => {
        const writtenAgoMs = 60_000
        const written: Record<number, number> = {}
        for (const updateAge of [DAY_S, 30, 0]) {
          const { adapter, updates } = databaseWithOneSession(30 * DAY_S, writtenAgoMs)
          const options: AuthOptions = {
            secret: SECRET,
            adapter,
            providers: [],
            session: { strategy: 'database', maxAge: 30 * DAY_S, updateAge },
          }
          const { body } = await callAuth(options, {
            path: '/api/auth/session',
            cookies: { [SESSION_COOKIE]: 'session-1' },
          })
          expect(body).toMatchObject({ user: { email: 'ada@example.com' } })
          written[updateAge] = updates.length
        }

        expect(written).toEqual({ [DAY_S]: 0, 30: 1, 0: 1 })
      })
    },
  )

  claim(
    'troubleshooting-update-age-jwt',
    'With JWT sessions, which the Credentials provider always uses, NextAuth never reads it. Every read of the session runs jwt, re-encrypts the token and sends the cookie again with a fresh expiry, whether updateAge is a day or zero.',
    () => {
      for (const updateAge of [DAY_S, 0]) {
        it(`re-issues the JWT cookie on every read, each with a later expiry, with updateAge ${updateAge}`, async () => {
          const { options, trace } = tracedOptions({
            session: { strategy: 'jwt', maxAge: 8 * 60 * 60, updateAge },
          })
          const browser = new Browser(options)
          await browser.signIn()
          trace.length = 0

          const first = await browser.session()
          await new Promise((resolve) => setTimeout(resolve, 20))
          const second = await browser.session()

          const expiries = [first, second].map(
            (answer) => cookieNamed(answer, SESSION_COOKIE)?.options.expires as Date,
          )
          expect(expiries.every((expires) => expires instanceof Date)).toBe(true)
          expect(expiries[1]!.getTime()).toBeGreaterThan(expiries[0]!.getTime())
          const values = [first, second].map((answer) => cookieNamed(answer, SESSION_COOKIE)?.value)
          expect(values[0]).not.toBe(values[1])
          const callbacks = trace.map((step) => step.name).filter((name) => name !== 'redirect')
          expect(callbacks).toEqual(['jwt', 'session', 'jwt', 'session'])
        })
      }
    },
  )

  /**
   * The origin NextAuth decides on for a request that came through a proxy forwarding
   * `forwarded` headers, read from the sign-in URL it hands out for the provider.
   */
  async function originFor(
    env: { NEXTAUTH_URL?: string; VERCEL?: string; AUTH_TRUST_HOST?: string },
    forwarded: Record<string, string>,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const restore = setEnv({
      NEXTAUTH_URL: env.NEXTAUTH_URL,
      VERCEL: env.VERCEL,
      AUTH_TRUST_HOST: env.AUTH_TRUST_HOST,
    })
    // why: a request without NEXTAUTH_URL warns; the warning is not what these tests are about.
    const logs = captureLogs()
    try {
      const { options } = tracedOptions(extra)
      const { body } = await callAuth(options, {
        path: '/api/auth/providers',
        headers: { host: 'app-internal:3000', ...forwarded },
      })
      const { signinUrl } = (body as Record<string, { signinUrl: string }>).login ?? {}
      return new URL(signinUrl ?? '').origin
    } finally {
      logs.restore()
      restore()
    }
  }

  const PREVIEW = { 'x-forwarded-host': 'preview-abc.vercel.app' }
  const PRODUCTION = 'https://app.example.com'

  claim(
    'troubleshooting-origin-order',
    'It now takes NEXTAUTH_URL whenever the variable is set. Only without it, and with VERCEL or AUTH_TRUST_HOST set, does it build the origin from the X-Forwarded-Host header, with https unless X-Forwarded-Proto says http.',
    () => {
      it('is the release this entry describes', () => {
        // why: next-auth's `exports` map does not list its package.json.
        const root = dirname(createRequire(import.meta.url).resolve('next-auth'))
        const manifest = join(root, 'package.json')
        expect(JSON.parse(readFileSync(manifest, 'utf8'))).toMatchObject({ version: '4.24.15' })
      })

      it('takes NEXTAUTH_URL over the forwarded host, even with VERCEL or AUTH_TRUST_HOST set', async () => {
        for (const trust of [{}, { VERCEL: '1' }, { AUTH_TRUST_HOST: 'true' }]) {
          expect(await originFor({ NEXTAUTH_URL: PRODUCTION, ...trust }, PREVIEW)).toBe(PRODUCTION)
        }
      })

      it('builds the origin from the forwarded host without NEXTAUTH_URL, when VERCEL or AUTH_TRUST_HOST is set', async () => {
        for (const trust of [{ VERCEL: '1' }, { AUTH_TRUST_HOST: 'true' }]) {
          expect(await originFor(trust, PREVIEW)).toBe('https://preview-abc.vercel.app')
          expect(await originFor(trust, { ...PREVIEW, 'x-forwarded-proto': 'http' })).toBe(
            'http://preview-abc.vercel.app',
          )
        }
      })

      it('ignores the forwarded host when neither is set', async () => {
        expect(await originFor({}, PREVIEW)).toBe('http://localhost:3000')
      })
    },
  )

  claim(
    'troubleshooting-preview-redirect',
    "Now a sign-in on a preview ends on the production host: NextAuth's default redirect callback replaces a callbackUrl on any other origin with the origin it decided on.",
    () => {
      it('sends a sign-in on a preview to NEXTAUTH_URL, and keeps a callbackUrl on that origin', async () => {
        const restore = setEnv({
          NEXTAUTH_URL: PRODUCTION,
          VERCEL: '1',
          AUTH_TRUST_HOST: undefined,
        })
        try {
          const landing: string[] = []
          for (const callbackUrl of [
            'https://preview-abc.vercel.app/account',
            `${PRODUCTION}/account`,
          ]) {
            const { options } = tracedOptions()
            const browser = new Browser(options)
            const csrfToken = await browser.csrfToken()
            const { body } = await browser.request({
              method: 'POST',
              path: '/api/auth/callback/login',
              body: {
                email: 'ada@example.com',
                password: 'pw',
                csrfToken,
                callbackUrl,
                json: 'true',
              },
              headers: PREVIEW,
            })
            landing.push((body as { url: string }).url)
          }
          expect(landing).toEqual([PRODUCTION, `${PRODUCTION}/account`])
        } finally {
          restore()
        }
      })
    },
  )

  claim(
    'troubleshooting-trust-host-option',
    'An option called trustHost does not help: it belongs to Auth.js v5, and NextAuth 4.24.15 ignores it.',
    () => {
      it('ignores trustHost: true in the options, where AUTH_TRUST_HOST would trust the host', async () => {
        expect(await originFor({}, PREVIEW, { trustHost: true })).toBe('http://localhost:3000')
        expect(await originFor({ AUTH_TRUST_HOST: 'true' }, PREVIEW)).toBe(
          'https://preview-abc.vercel.app',
        )
      })
    },
  )
})
