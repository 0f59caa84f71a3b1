import type { AuthOptions } from 'next-auth'
import { describe, expect, it } from 'vitest'

import { callAuth, captureLogs, SECRET, useEnv } from './next-auth-harness'

// The chapter's lib/auth.ts: no secret in code, no provider yet.
const chapterOptions: AuthOptions = { session: { strategy: 'jwt' }, providers: [] }

describe('Setup chapter', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: SECRET, NODE_ENV: 'production' })

  // Chapter: Setup, "NextAuth reads NEXTAUTH_SECRET from the environment when the options have no
  // secret, so the value never has to appear in code"
  it('runs in production on the chapter options with the secret only in the environment', async () => {
    const logs = captureLogs()
    const answer = await callAuth(chapterOptions, { path: '/api/auth/csrf' })
    logs.restore()

    expect(answer.status).toBe(200)
    expect(logs.errors()).toEqual([])
  })

  // Chapter: Setup, "With no one signed in, NextAuth answers {}"
  it('answers GET /api/auth/session with {} when nobody is signed in', async () => {
    const answer = await callAuth(chapterOptions, { path: '/api/auth/session' })
    expect(answer).toMatchObject({ status: 200, body: {} })
    expect(answer.body).toEqual({})
  })
})
