import type { CallbacksOptions } from 'next-auth'
import { expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'

import { ADA, Browser, readToken, SECRET, tracedOptions, useEnv } from './next-auth-harness'

/** The chapter's callbacks, with a refresh that only swaps in a new access token. */
const callbacks: Partial<CallbacksOptions> = {
  jwt: ({ token, user }) => {
    if (user) {
      return {
        ...token,
        accessToken: user.accessToken,
        accessTokenExpires: user.accessTokenExpires,
        refreshToken: user.refreshToken,
      }
    }
    if (Date.now() < (token.accessTokenExpires ?? 0) - 5_000) return token
    return { ...token, accessToken: 'access-2', accessTokenExpires: Date.now() + 300_000 }
  },
  session: ({ session, token }) => ({
    ...session,
    user: { ...session.user, id: token.sub ?? '' },
    accessTokenExpires: token.accessTokenExpires,
  }),
}

async function signInWith(accessTokenExpires: number) {
  const { options } = tracedOptions({
    callbacks,
    authorize: () => ({ ...ADA, accessTokenExpires }),
  })
  const browser = new Browser(options)
  await browser.signIn()
  return browser
}

const tokenIn = (browser: Browser) => readToken(Object.fromEntries(browser.jar), SECRET)

describeChapter('pages/guide/backend-tokens.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  claim(
    'backend-tokens-copied-at-sign-in',
    'authorize() returns them with the user; the jwt callback copies them into the token the one time user is present:',
    () => {
      it('finds the tokens from authorize() in the cookie after sign-in, for getToken() to read', async () => {
        const browser = await signInWith(Date.now() + 300_000)

        expect(await tokenIn(browser)).toMatchObject({
          accessToken: ADA.accessToken,
          accessTokenExpires: expect.any(Number),
          refreshToken: ADA.refreshToken,
        })
      })
    },
  )

  claim(
    'backend-tokens-server-only',
    'This site also keeps the access token on the server and calls the backend from API routes, which read it with getToken(); the browser only learns when the token expires:',
    () => {
      it('keeps the tokens out of the session JSON, which shows only the expiry', async () => {
        const browser = await signInWith(Date.now() + 300_000)

        const { body } = await browser.session()

        expect(body).toMatchObject({ user: { id: ADA.id }, accessTokenExpires: expect.any(Number) })
        expect(JSON.stringify(body)).not.toContain(ADA.accessToken)
        expect(JSON.stringify(body)).not.toContain(ADA.refreshToken)
        expect(await tokenIn(browser)).toMatchObject({ accessToken: ADA.accessToken })
      })
    },
  )

  claim(
    'backend-tokens-refresh-in-jwt',
    'Because jwt runs on every session read, it can notice that the access token is about to expire and replace it before anything uses it:',
    () => {
      it('replaces an expiring access token on the next session read, in the cookie it sends back', async () => {
        const browser = await signInWith(Date.now() + 1_000)
        expect(await tokenIn(browser)).toMatchObject({ accessToken: ADA.accessToken })

        await browser.session()

        expect(await tokenIn(browser)).toMatchObject({ accessToken: 'access-2' })
      })
    },
  )
})
