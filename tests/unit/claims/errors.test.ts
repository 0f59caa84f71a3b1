import { describe, expect, it } from 'vitest'

import { ADA, Browser, clientSignIn, tracedOptions, useEnv } from './next-auth-harness'

const FORM = { redirect: false, callbackUrl: '/lab' }

describe('Errors chapter', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  // Chapter: Errors, "Both then produce the same CredentialsSignin, so the form cannot become an
  // oracle that tells an attacker which emails have accounts"
  it('answers an unknown email and a wrong password alike when authorize returns null for both', async () => {
    const { options } = tracedOptions({
      authorize: (credentials) =>
        credentials?.email === 'ada@example.com' && credentials.password === 'right' ? ADA : null,
    })
    const answerFor = async (email: string, password: string) => {
      const answer = await new Browser(options).signIn({ email, password })
      return { status: answer.status, body: answer.body, set: answer.cookies.map((c) => c.name) }
    }

    const unknownEmail = await answerFor('nobody@example.com', 'whatever')
    const wrongPassword = await answerFor('ada@example.com', 'wrong')
    expect(unknownEmail).toEqual(wrongPassword)
    expect(unknownEmail.status).toBe(401)
    expect((await answerFor('ada@example.com', 'right')).status).toBe(200)
  })

  // Chapter: Errors, "NextAuth sends the thrown error's message to the browser unchanged, as
  // result.error and in the error page's URL"
  it('sends a thrown message unchanged to signIn() and into the error URL', async () => {
    const leak = 'connect ECONNREFUSED 10.0.0.5:5432 & SELECT * FROM users'
    const { options } = tracedOptions({
      authorize: () => {
        throw new Error(leak)
      },
    })

    const result = await clientSignIn(new Browser(options), 'login', FORM)
    const answer = await new Browser(options).signIn()

    expect(result?.error).toBe(leak)
    const errorUrl = new URL((answer.body as { url: string }).url)
    expect(errorUrl.pathname).toBe('/api/auth/error')
    expect(errorUrl.searchParams.get('error')).toBe(leak)
  })

  // Chapter: Errors, "The jwt callback cannot show a message, so it marks the token instead ...,
  // the session callback passes the mark on"
  it('carries a mark that jwt sets on a session read into the session and the next cookie', async () => {
    const { options } = tracedOptions({
      callbacks: {
        jwt: ({ token, user }) => (user ? token : { ...token, error: 'RefreshAccessTokenError' }),
        session: ({ session, token }) => ({ ...session, error: token.error }),
      },
    })
    const browser = new Browser(options)
    await browser.signIn()

    const first = await browser.session()
    const second = await browser.session()

    expect(first.body).toMatchObject({ error: 'RefreshAccessTokenError' })
    expect(second.body).toMatchObject({ error: 'RefreshAccessTokenError' })
  })
})
