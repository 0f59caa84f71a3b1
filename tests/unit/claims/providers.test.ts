import type { User } from 'next-auth'
import { decode } from 'next-auth/jwt'
import CredentialsProvider from 'next-auth/providers/credentials'
import { expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import {
  ADA,
  Browser,
  callAuth,
  callsOf,
  clientSignIn,
  cookieNamed,
  SECRET,
  SESSION_COOKIE,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

describeChapter('pages/guide/providers.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  claim(
    'providers-id-routes',
    "Your form passes it to signIn('login', …), and NextAuth routes the request to POST /api/auth/callback/login.",
    () => {
      it('routes signIn("login") to POST /api/auth/callback/login', async () => {
        const { options, steps } = tracedOptions()
        const browser = new Browser(options)

        await clientSignIn(browser, 'login', { email: 'a@b.c', redirect: false, callbackUrl: '/' })

        expect(browser.requests).toContain('POST /api/auth/callback/login')
        expect(steps()).toContain('authorize')
      })
    },
  )

  claim('providers-default-id', 'Without an id the provider is called credentials.', () => {
    it('calls a provider without an id "credentials"', async () => {
      const provider = CredentialsProvider({ credentials: {}, authorize: () => null })
      const { body } = await callAuth(
        { secret: SECRET, providers: [provider] },
        { path: '/api/auth/providers' },
      )
      expect(body).toEqual({
        credentials: expect.objectContaining({
          id: 'credentials',
          callbackUrl: 'http://localhost:3000/api/auth/callback/credentials',
        }),
      })
    })
  })

  claim(
    'providers-credentials-not-validated',
    'If you use your own form, it documents what you expect; NextAuth does not validate anything against it.',
    () => {
      it('calls authorize with undeclared fields and without the declared ones', async () => {
        const { options, trace } = tracedOptions()
        await new Browser(options).signIn({ username: 'ada', otp: '123456' })

        const credentials = callsOf(trace, 'authorize')[0]?.credentials
        expect(credentials).toMatchObject({ username: 'ada', otp: '123456' })
        expect(credentials).not.toHaveProperty('email')
      })
    },
  )

  claim(
    'providers-authorize-every-field',
    "authorize(credentials, req) receives every field of the request body, not only the ones you declared: the client's signIn() adds csrfToken, callbackUrl and json, and posts every other option you gave it too (redirect: 'false', for one).",
    () => {
      it('gives authorize every posted field, csrfToken, callbackUrl, json and redirect included, and the request', async () => {
        const { options, trace } = tracedOptions()
        const browser = new Browser(options)

        await clientSignIn(browser, 'login', {
          email: 'ada@example.com',
          password: 'pw',
          callbackUrl: 'http://localhost:3000/lab',
          redirect: false,
        })

        const [call] = callsOf(trace, 'authorize')
        expect(call?.credentials).toEqual({
          email: 'ada@example.com',
          password: 'pw',
          csrfToken: browser.jar.get('next-auth.csrf-token')?.split('|')[0],
          callbackUrl: 'http://localhost:3000/lab',
          json: 'true',
          redirect: 'false',
        })
        expect(call?.req).toEqual({
          body: call?.credentials,
          query: {},
          headers: expect.objectContaining({ host: 'localhost:3000' }),
          method: 'POST',
        })
      })
    },
  )

  claim(
    'providers-returns-user',
    'returns a user object | runs signIn, then jwt, sets the session cookie | { ok: true, status: 200, error: null }',
    () => {
      it('resolves signIn() to ok, 200 and no error, and sets the cookie, when authorize returns a user', async () => {
        const { options, steps } = tracedOptions()
        const browser = new Browser(options)

        const result = await clientSignIn(browser, 'login', { redirect: false, callbackUrl: '/x' })

        expect(result).toMatchObject({ ok: true, status: 200, error: null })
        expect(steps().filter((name) => name === 'signIn' || name === 'jwt')).toEqual([
          'signIn',
          'jwt',
        ])
        expect(browser.jar.has(SESSION_COOKIE)).toBe(true)
      })
    },
  )

  claim(
    'providers-returns-null',
    "returns null | stops; no cookie | { ok: false, status: 401, error: 'CredentialsSignin' }",
    () => {
      it('resolves signIn() to 401 CredentialsSignin, with no cookie and no callback, when authorize returns null', async () => {
        const { options, steps } = tracedOptions({ authorize: () => null })
        const browser = new Browser(options)

        const result = await clientSignIn(browser, 'login', { redirect: false, callbackUrl: '/x' })

        expect(result).toEqual({ ok: false, status: 401, error: 'CredentialsSignin', url: null })
        expect(steps()).not.toContain('signIn')
        expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
      })
    },
  )

  claim(
    'providers-throws',
    "throws new Error('msg') | stops; no cookie | { ok: false, status: 401, error: 'msg' }",
    () => {
      it('resolves signIn() to 401 with the thrown message, and no cookie, when authorize throws', async () => {
        const { options, steps } = tracedOptions({
          authorize: () => {
            throw new Error('msg')
          },
        })
        const browser = new Browser(options)

        const result = await clientSignIn(browser, 'login', { redirect: false, callbackUrl: '/x' })

        expect(result).toEqual({ ok: false, status: 401, error: 'msg', url: null })
        expect(steps()).not.toContain('signIn')
        expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
      })
    },
  )

  claim(
    'providers-token-fields',
    "NextAuth copies it into the token as sub, along with name, email and image (as picture); anything else you return reaches the signIn and jwt callbacks (and NextAuth's signIn event) as the user argument, and nowhere else.",
    () => {
      it('builds the token from id, name, email and image, and nothing else the user carries', async () => {
        const browser = new Browser(tracedOptions().options)
        const answer = await browser.signIn()

        const token = await decode({
          token: cookieNamed(answer, SESSION_COOKIE)?.value,
          secret: SECRET,
        })
        expect(token).toMatchObject({
          sub: ADA.id,
          name: ADA.name,
          email: ADA.email,
          picture: ADA.image,
        })
        expect(token).not.toHaveProperty('accessToken')
      })

      it('passes the whole user to signIn and jwt at sign-in, and to no callback afterwards', async () => {
        const { options, trace } = tracedOptions()
        const browser = new Browser(options)
        await browser.signIn()
        await browser.session()

        expect(callsOf(trace, 'signIn')[0]?.user).toEqual(ADA)
        expect(callsOf(trace, 'jwt')[0]?.user).toEqual(ADA)
        const later = [...callsOf(trace, 'jwt').slice(1), ...callsOf(trace, 'session')]
        expect(later.map((args) => args.user)).toEqual(later.map(() => undefined))
      })

      it('passes the whole user to the signIn event too', async () => {
        const seen: unknown[] = []
        const { options } = tracedOptions({
          events: { signIn: ({ user }) => void seen.push(user) },
        })
        await new Browser(options).signIn()
        expect(seen).toEqual([ADA])
      })
    },
  )

  claim(
    'providers-two-providers',
    'Both providers share the callbacks and the session, so a reader who has just signed up is signed in exactly like one who logged in.',
    () => {
      it('signs a reader in through a second provider with the same callbacks and session', async () => {
        const newcomer: User = { ...ADA, id: 'user-2', email: 'new@example.com' }
        const { options, trace } = tracedOptions({
          providerId: 'signup',
          authorize: () => newcomer,
        })
        const browser = new Browser(options)

        await browser.signIn(undefined, { providerId: 'signup' })
        const { body } = await browser.session()

        expect(callsOf(trace, 'signIn')[0]?.account).toMatchObject({ provider: 'signup' })
        expect(callsOf(trace, 'jwt')[0]?.account).toMatchObject({ provider: 'signup' })
        expect(body).toMatchObject({ user: { email: 'new@example.com' } })
      })
    },
  )
})
