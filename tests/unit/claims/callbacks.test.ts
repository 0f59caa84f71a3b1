import { decode } from 'next-auth/jwt'
import { describe, expect, it } from 'vitest'

import {
  ADA,
  Browser,
  callAuth,
  callsOf,
  cookieNamed,
  SECRET,
  SESSION_COOKIE,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

describe('Callbacks chapter', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  // Chapter: Callbacks, "The callback request runs authorize(), then signIn, then jwt with the
  // user, and answers with the encrypted session cookie. session does not run here"
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

  // Chapter: Callbacks, "that session request runs jwt again (this time without user) and then
  // session"
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

  // Chapter: Callbacks, "anything you add to the token in jwt is already there when session
  // reads it"
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

  // Chapter: Callbacks, "signIn({ user, account, credentials }) runs after authorize() has
  // returned a user"
  it('calls signIn with the user, a credentials account and the posted credentials', async () => {
    const { options, trace } = tracedOptions()
    await new Browser(options).signIn({ email: 'ada@example.com', password: 'pw' })

    const [signInCall] = callsOf(trace, 'signIn')
    expect(signInCall?.user).toEqual(ADA)
    expect(signInCall?.account).toEqual({
      providerAccountId: ADA.id,
      type: 'credentials',
      provider: 'login',
    })
    expect(signInCall?.credentials).toMatchObject({ email: 'ada@example.com', password: 'pw' })
  })

  // Chapter: Callbacks, "Return true to go on, false to refuse, or a URL to send the reader
  // somewhere else instead"
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

  // Chapter: Callbacks, "The "update" trigger: the client called update() ... no; session holds
  // what it sent"
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

  // Chapter: Callbacks, "it gives jwt the chance to change the token every time it does"
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

  // Chapter: Callbacks, "When jwt returns a token, NextAuth re-encrypts it and sends a fresh
  // cookie"
  it('re-encrypts what jwt returned into the cookie it sends with the session', async () => {
    const { options } = tracedOptions({
      callbacks: { jwt: ({ token, trigger }) => (trigger ? token : { ...token, reads: 1 }) },
    })
    const browser = new Browser(options)
    await browser.signIn()

    const answer = await browser.session()

    const cookie = cookieNamed(answer, SESSION_COOKIE)
    expect(await decode({ token: cookie?.value, secret: SECRET })).toMatchObject({ reads: 1 })
  })

  // Chapter: Callbacks, "redirect({ url, baseUrl }) checks every callback URL NextAuth is about to
  // use"
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
})
