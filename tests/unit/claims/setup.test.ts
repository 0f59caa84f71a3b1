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

// The chapter's lib/auth.ts: no secret in code, no provider yet.
const chapterOptions: AuthOptions = { session: { strategy: 'jwt' }, providers: [] }

describeChapter('pages/guide/setup.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: SECRET, NODE_ENV: 'production' })

  claim(
    'setup-secret-from-env',
    'NextAuth reads NEXTAUTH_SECRET from the environment when the options have no secret, so the value never has to appear in code.',
    () => {
      it('runs in production on the chapter options with the secret only in the environment', async () => {
        const logs = captureLogs()
        const answer = await callAuth(chapterOptions, { path: '/api/auth/csrf' })
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
        const answer = await callAuth(chapterOptions, { path: '/api/auth/session' })
        expect(answer).toMatchObject({ status: 200, body: {} })
        expect(answer.body).toEqual({})
      })

      it('makes SessionProvider report unauthenticated from that answer', async () => {
        const browser = new Browser(chapterOptions)
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
