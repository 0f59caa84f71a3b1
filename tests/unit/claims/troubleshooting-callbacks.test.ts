import type { User } from 'next-auth'
import { decode } from 'next-auth/jwt'
import { expect, it } from 'vitest'

import { createBackendClient } from '@reference-app/lib/backend'
import { createCallbacks } from '@reference-app/lib/callbacks'

import { claim, describeChapter } from '../../support/claims'
import {
  ADA,
  Browser,
  callsOf,
  clientSignIn,
  cookieNamed,
  inWindowAt,
  SECRET,
  SESSION_COOKIE,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

/** The token in the session cookie that a sign-in under `config` sets. */
async function tokenAfterSignIn(config: Parameters<typeof tracedOptions>[0]) {
  const answer = await new Browser(tracedOptions(config).options).signIn()
  return decode({ token: cookieNamed(answer, SESSION_COOKIE)?.value, secret: SECRET })
}

describeChapter('pages/guide/troubleshooting.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  claim(
    'troubleshooting-relative-signin-url',
    'A string from that callback means "do not create a session, send the reader here instead", and NextAuth passes it on unchanged, without the redirect callback that would make it absolute. With redirect: true the browser follows a relative path without trouble. With redirect: false, signIn() runs new URL(url) on the answer to look for an error parameter, and new URL(\'/account-suspended\') throws.',
    () => {
      it('passes a relative URL from signIn on unchecked, which makes signIn() with redirect false throw', async () => {
        const { options, trace } = tracedOptions({
          callbacks: { signIn: () => '/account-suspended' },
        })
        const browser = new Browser(options)
        const csrfToken = await browser.csrfToken()
        const posted = await browser.signIn(undefined, { csrfToken })
        expect(posted.body).toEqual({ url: '/account-suspended' })
        expect(callsOf(trace, 'redirect').map((args) => args.url)).not.toContain(
          '/account-suspended',
        )
        expect(browser.jar.has(SESSION_COOKIE)).toBe(false)

        await expect(
          clientSignIn(new Browser(options), 'login', { redirect: false, callbackUrl: '/' }),
        ).rejects.toThrow(TypeError)
      })

      it('navigates to the relative URL when redirect is left on', async () => {
        const { options } = tracedOptions({ callbacks: { signIn: () => '/account-suspended' } })
        const href = await inWindowAt('http://localhost:3000/login', () =>
          clientSignIn(new Browser(options), 'login', { callbackUrl: '/' }),
        )
        expect(href).toBe('/account-suspended')
      })
    },
  )

  claim(
    'troubleshooting-signin-no-baseurl',
    'The callback receives no baseUrl, so take it from NEXTAUTH_URL:',
    () => {
      it('calls signIn with user, account and credentials only', async () => {
        const { options, trace } = tracedOptions()
        await new Browser(options).signIn()
        expect(Object.keys(callsOf(trace, 'signIn')[0] ?? {}).sort()).toEqual([
          'account',
          'credentials',
          'user',
        ])
      })
    },
  )

  claim(
    'troubleshooting-signin-url-error-param',
    'A URL that carries an error query parameter is reported the other way round: error holds its value and url is null.',
    () => {
      it('resolves a signIn URL with an error parameter to that error and a null url, still ok', async () => {
        const { options } = tracedOptions({
          callbacks: { signIn: () => 'http://localhost:3000/suspended?error=Suspended' },
        })
        const result = await clientSignIn(new Browser(options), 'login', {
          redirect: false,
          callbackUrl: '/',
        })
        expect(result).toEqual({ ok: true, status: 200, error: 'Suspended', url: null })
      })
    },
  )

  claim(
    'troubleshooting-default-session-no-id',
    "The session callback decides what the browser sees, and NextAuth's default one returns only name, email and image, plus expires. The id is in the token as sub (NextAuth copies user.id there at sign-in) but it is not passed on.",
    () => {
      it('answers the default session without an id, while the token holds it as sub', async () => {
        const browser = new Browser(tracedOptions().options)
        const signIn = await browser.signIn()

        const { body } = await browser.session()

        expect(body).toEqual({
          user: { name: ADA.name, email: ADA.email, image: ADA.image },
          expires: expect.any(String),
        })
        const token = await decode({
          token: cookieNamed(signIn, SESSION_COOKIE)?.value,
          secret: SECRET,
        })
        expect(token?.sub).toBe(ADA.id)
      })
    },
  )

  claim(
    'troubleshooting-whole-answer',
    "authorize() returned your backend's whole answer, such as { user, accessToken }. NextAuth reads id, name, email and image from the top level of that object, so sub, name and email all end up empty.",
    () => {
      it('leaves sub, name and email empty when authorize returns the backend answer whole', async () => {
        const { id: _id, name: _name, email: _email, image: _image, ...tokens } = ADA
        // why: the mistake the chapter describes, which the User type rightly refuses.
        const whole = { user: { id: ADA.id, name: ADA.name, email: ADA.email }, ...tokens }

        const token = await tokenAfterSignIn({ authorize: () => whole as unknown as User })

        expect(token).not.toHaveProperty('sub')
        expect(token).not.toHaveProperty('name')
        expect(token).not.toHaveProperty('email')
      })
    },
  )

  claim(
    'troubleshooting-jwt-new-object',
    'The jwt callback returned a new object instead of extending token, and dropped sub with everything else.',
    () => {
      it('loses sub when jwt returns a new object instead of extending the token', async () => {
        const token = await tokenAfterSignIn({
          callbacks: { jwt: ({ user }) => ({ accessToken: user?.accessToken }) },
        })
        expect(token).toMatchObject({ accessToken: ADA.accessToken })
        expect(token).not.toHaveProperty('sub')
      })
    },
  )

  claim(
    'troubleshooting-session-id-fix',
    'Return a flat user with an id from authorize(), keep ...token in jwt, and copy the id into the session.',
    () => {
      it('answers session.user.id when the session callback copies token.sub', async () => {
        const { options } = tracedOptions({
          callbacks: {
            jwt: ({ token }) => ({ ...token }),
            session: ({ session, token }) => ({
              ...session,
              user: { ...session.user, id: token.sub ?? '' },
            }),
          },
        })
        const browser = new Browser(options)
        await browser.signIn()
        expect((await browser.session()).body).toMatchObject({ user: { id: ADA.id } })
      })

      it('answers session.user.id with the reference app’s jwt and session callbacks', async () => {
        const client = createBackendClient({ baseUrl: 'http://127.0.0.1:9' })
        const browser = new Browser(tracedOptions({ callbacks: createCallbacks(client) }).options)
        await browser.signIn()
        expect((await browser.session()).body).toMatchObject({
          user: { id: ADA.id, name: ADA.name, email: ADA.email, role: ADA.role },
        })
      })
    },
  )
})
