import type { AuthOptions } from 'next-auth'
import { expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'

import {
  Browser,
  callAuth,
  captureLogs,
  inSessionProvider,
  SECRET,
  useEnv,
} from './next-auth-harness'

/** Options that leave the secret out, as the claim has them: NextAuth must find it itself. */
const withoutSecret: AuthOptions = { session: { strategy: 'jwt' }, providers: [] }

/** The reference app's options, which the chapter shows (read with the environment set). */
async function referenceOptions(): Promise<AuthOptions> {
  return (await import('@reference-app/lib/auth-options')).authOptions
}

describeChapter('pages/guide/setup.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: SECRET, NODE_ENV: 'production' })

  claim(
    'setup-secret-from-env',
    'NextAuth reads NEXTAUTH_SECRET from the environment when the options have no secret, so the value never has to appear in code.',
    () => {
      it('runs in production on options without a secret, the secret only in the environment', async () => {
        const logs = captureLogs()
        const answer = await callAuth(withoutSecret, { path: '/api/auth/csrf' })
        logs.restore()

        expect(answer.status).toBe(200)
        expect(logs.errors()).toEqual([])
      })
    },
  )

  claim(
    'setup-empty-session',
    'With no one signed in, NextAuth answers {}; that empty object is the "unauthenticated" state useSession() reports.',
    () => {
      it('answers GET /api/auth/session with {} when nobody is signed in', async () => {
        const answer = await callAuth(await referenceOptions(), { path: '/api/auth/session' })
        expect(answer).toMatchObject({ status: 200, body: {} })
        expect(answer.body).toEqual({})
      })

      it('makes SessionProvider report unauthenticated from that answer', async () => {
        const browser = new Browser(await referenceOptions())
        const { status } = await inSessionProvider(
          browser,
          'http://localhost:3000/',
          async () => {},
        )
        expect(browser.requests).toEqual(['GET /api/auth/session'])
        expect(status).toBe('unauthenticated')
      })
    },
  )
})
