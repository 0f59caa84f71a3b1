import { decode } from 'next-auth/jwt'
import { expect, it, vi } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import {
  ADA,
  Browser,
  callAuth,
  callsOf,
  cookieNamed,
  SECRET,
  SESSION_COOKIE,
  signInFromPage,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

describeChapter('pages/guide/callbacks.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  claim(
    'callbacks-signin-arguments',
    'signIn({ user, account, credentials }) runs after authorize() has returned a user and decides whether that user may sign in.',
    () => {
      it('calls signIn with the user, a credentials account and the posted credentials', async () => {
        const { options, trace, steps } = tracedOptions()
        await new Browser(options).signIn({ email: 'ada@example.com', password: 'pw' })

        expect(steps().indexOf('signIn')).toBeGreaterThan(steps().indexOf('authorize'))
        const [signInCall] = callsOf(trace, 'signIn')
        expect(signInCall?.user).toEqual(ADA)
        expect(signInCall?.account).toEqual({
          providerAccountId: ADA.id,
          type: 'credentials',
          provider: 'login',
        })
        expect(signInCall?.credentials).toMatchObject({ email: 'ada@example.com', password: 'pw' })
      })

      it('does not call signIn when authorize returns no user', async () => {
        const { options, steps } = tracedOptions({ authorize: () => null })
        await new Browser(options).signIn()
        expect(steps()).not.toContain('signIn')
      })
    },
  )

  claim(
    'callbacks-signin-return',
    'Return true to go on, false to refuse, or a URL to send the reader somewhere else instead.',
    () => {
      it('goes on for true, refuses for false and sends the reader to a returned URL', async () => {
        const answerFor = async (result: boolean | string) => {
          const { options } = tracedOptions({ callbacks: { signIn: () => result } })
          return new Browser(options).signIn()
        }
        expect((await answerFor(true)).body).toEqual({ url: 'http://localhost:3000' })
        expect((await answerFor(false)).body).toEqual({
          url: 'http://localhost:3000/api/auth/error?error=AccessDenied',
        })
        expect((await answerFor('https://elsewhere.example/x')).body).toEqual({
          url: 'https://elsewhere.example/x',
        })
      })
    },
  )

  claim(
    'callbacks-redirect-every-url',
    'There is a fourth that runs more than you might expect: redirect({ url, baseUrl }) checks every callback URL NextAuth is about to use, on almost every request.',
    () => {
      it('runs redirect when a callbackUrl parameter or the callback-url cookie is present, and not otherwise', async () => {
        const { options, trace } = tracedOptions()
        const bare = await callAuth(options, { path: '/api/auth/csrf' })
        expect(callsOf(trace, 'redirect')).toEqual([])

        await callAuth(options, { path: '/api/auth/session?callbackUrl=/account' })
        await callAuth(options, {
          path: '/api/auth/session',
          cookies: { 'next-auth.callback-url': 'http://localhost:3000/lab' },
        })

        expect(callsOf(trace, 'redirect')).toEqual([
          { url: '/account', baseUrl: 'http://localhost:3000' },
          { url: 'http://localhost:3000/lab', baseUrl: 'http://localhost:3000' },
        ])
        // why: the first answer sets the cookie, so every later request of a browser runs redirect.
        expect(cookieNamed(bare, 'next-auth.callback-url')?.value).toBe('http://localhost:3000')
      })
    },
  )

  claim(
    'callbacks-sign-in-requests',
    'A sign-in from your own form with redirect: false is four HTTP requests: signIn() gets the providers and a CSRF token, posts the credentials, and then has SessionProvider get the session. The callbacks are spread across the last two:',
    () => {
      it('makes four requests from a page with SessionProvider, running callbacks in the last two', async () => {
        const { stepsByRequest } = await signInFromPage()

        const named = stepsByRequest.map(({ request, steps }) => ({
          request,
          steps: steps.filter((step) => step !== 'redirect'),
        }))
        expect(named).toEqual([
          { request: 'GET /api/auth/providers', steps: [] },
          { request: 'GET /api/auth/csrf', steps: [] },
          { request: 'POST /api/auth/callback/login', steps: ['authorize', 'signIn', 'jwt'] },
          { request: 'GET /api/auth/session', steps: ['jwt', 'session'] },
        ])
      })
    },
  )

  claim(
    'callbacks-callback-request',
    'The callback request runs authorize(), then signIn, then jwt with the user, and answers with the encrypted session cookie. session does not run here: nobody has asked for the session yet.',
    () => {
      it('runs authorize, signIn, then jwt in the callback request, sets the cookie, and not session', async () => {
        const { options, trace, steps } = tracedOptions()
        const browser = new Browser(options)
        const csrfToken = await browser.csrfToken()
        trace.length = 0

        const answer = await browser.signIn(undefined, { csrfToken })

        expect(steps()).toEqual(['redirect', 'authorize', 'signIn', 'jwt'])
        expect(callsOf(trace, 'jwt')[0]).toMatchObject({ trigger: 'signIn', user: ADA })
        expect(cookieNamed(answer, SESSION_COOKIE)?.value).toMatch(/^ey/)
      })
    },
  )

  claim(
    'callbacks-session-request',
    'signIn() on the client then has SessionProvider fetch the session, and that session request runs jwt again (this time without user) and then session.',
    () => {
      it('runs jwt without user or trigger, then session, when the session is read', async () => {
        const { options, trace, steps } = tracedOptions()
        const browser = new Browser(options)
        await browser.signIn()
        trace.length = 0

        await browser.session()

        expect(steps().filter((name) => name !== 'redirect')).toEqual(['jwt', 'session'])
        const [jwtCall] = callsOf(trace, 'jwt')
        expect(jwtCall?.user).toBeUndefined()
        expect(jwtCall?.trigger).toBeUndefined()
      })
    },
  )

  claim(
    'callbacks-jwt-before-session',
    'So jwt always runs before session, and anything you add to the token in jwt is already there when session reads it.',
    () => {
      it('hands session the token that jwt returned in the same request', async () => {
        const { options, trace } = tracedOptions({
          callbacks: { jwt: ({ token }) => ({ ...token, addedOnRead: 'yes' }) },
        })
        const browser = new Browser(options)
        await browser.signIn()
        trace.length = 0

        await browser.session()

        expect(callsOf(trace, 'session')[0]?.token).toMatchObject({ addedOnRead: 'yes' })
      })
    },
  )

  claim(
    'callbacks-trigger-update',
    '"update" | the client called update() from useSession() | no; session holds what it sent',
    () => {
      it('runs jwt with trigger update and the sent data as session when the session is posted', async () => {
        const { options, trace } = tracedOptions()
        const browser = new Browser(options)
        await browser.signIn()
        const csrfToken = await browser.csrfToken()
        trace.length = 0

        await browser.request({
          method: 'POST',
          path: '/api/auth/session',
          body: { csrfToken, data: { name: 'Ada Renamed' } },
        })

        const [jwtCall] = callsOf(trace, 'jwt')
        expect(jwtCall).toMatchObject({ trigger: 'update', session: { name: 'Ada Renamed' } })
        expect(jwtCall?.user).toBeUndefined()
      })
    },
  )

  claim(
    'callbacks-sub-from-user-id',
    "The user's id needs no copying: NextAuth has already put user.id into the token as sub before jwt runs, which is where session reads it from.",
    () => {
      it('hands jwt a token whose sub is the id authorize returned, and session the same', async () => {
        const { options, trace } = tracedOptions({
          callbacks: {
            session: ({ session, token }) => ({
              ...session,
              user: { ...session.user, id: token.sub },
            }),
          },
        })
        const browser = new Browser(options)
        const answer = await browser.signIn()

        expect(callsOf(trace, 'jwt')[0]?.token).toMatchObject({ sub: ADA.id })
        const token = await decode({
          token: cookieNamed(answer, SESSION_COOKIE)?.value,
          secret: SECRET,
        })
        expect(token?.sub).toBe(ADA.id)
        expect((await browser.session()).body).toMatchObject({ user: { id: ADA.id } })
      })
    },
  )

  claim(
    'callbacks-session-image-undefined',
    'NextAuth fills the session it hands the callback from the token, and for a user without a picture, as credentials users usually are, that gives user.image: undefined.',
    () => {
      it('hands session a user whose image key is there and undefined when authorize returned no image', async () => {
        const { image: _image, ...withoutPicture } = ADA
        const { options, trace } = tracedOptions({ authorize: () => withoutPicture })
        const browser = new Browser(options)
        await browser.signIn()
        await browser.session()

        const user = (callsOf(trace, 'session')[0]?.session as { user: object } | undefined)?.user
        expect(user).toEqual({ name: ADA.name, email: ADA.email, image: undefined })
        expect(Object.hasOwn(user ?? {}, 'image')).toBe(true)
      })
    },
  )

  claim(
    'callbacks-jwt-every-read',
    'To answer GET /api/auth/session, NextAuth must decrypt the cookie, and it gives jwt the chance to change the token every time it does.',
    () => {
      it('runs jwt on every read of the session', async () => {
        const { options, steps } = tracedOptions()
        const browser = new Browser(options)
        await browser.signIn()
        const before = steps().filter((name) => name === 'jwt').length

        await browser.session()
        await browser.session()
        await browser.session()

        expect(steps().filter((name) => name === 'jwt').length).toBe(before + 3)
      })
    },
  )

  claim(
    'callbacks-jwt-reencrypts',
    "When jwt returns a token, NextAuth re-encrypts it and sends a fresh cookie, which also slides the session's expiry forward.",
    () => {
      it('re-encrypts what jwt returned into a cookie that expires later than the last one', async () => {
        vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') })
        try {
          const { options } = tracedOptions({
            callbacks: { jwt: ({ token, trigger }) => (trigger ? token : { ...token, reads: 1 }) },
          })
          const browser = new Browser(options)
          const signedIn = await browser.signIn()
          vi.setSystemTime(new Date('2030-01-01T01:00:00Z'))

          const answer = await browser.session()

          const cookie = cookieNamed(answer, SESSION_COOKIE)
          expect(await decode({ token: cookie?.value, secret: SECRET })).toMatchObject({ reads: 1 })
          const signInExpiry = cookieNamed(signedIn, SESSION_COOKIE)?.options.expires as Date
          expect(cookie?.options.expires).toEqual(new Date(signInExpiry.getTime() + 3_600_000))
        } finally {
          vi.useRealTimers()
        }
      })
    },
  )
})
