import { describe, expect, it } from 'vitest'

import { REDACTED, redact } from '@/lib/trace/redact'

describe('redact', () => {
  it('keeps allowlisted fields and replaces everything else, however it is named', () => {
    const user = { id: 'u1', email: 'demo@example.com', passwordHash: 'x', refreshToken: 'r' }
    expect(redact({ user })).toEqual({
      user: { id: 'u1', email: 'demo@example.com', passwordHash: REDACTED, refreshToken: REDACTED },
    })
  })

  it('keeps only the declared credential fields, redacting the secret ones', () => {
    const credentials = {
      email: 'demo@example.com',
      password: 'handbook demo password',
      csrfToken: 'abc',
      scenario: 'normal',
      callbackUrl: '/lab',
      json: 'true',
    }
    expect(redact({ credentials })).toEqual({
      credentials: { ...credentials, password: REDACTED, csrfToken: REDACTED },
    })
  })

  it('drops posted fields nobody declared, names and all', () => {
    const longName = `junk-${'k'.repeat(10_000)}`
    const credentials = { email: 'demo@example.com', passwd: 'x', [longName]: 'v' }
    const redacted = redact({ credentials })
    expect(redacted).toEqual({ credentials: { email: 'demo@example.com' } })
    expect(JSON.stringify(redacted)).not.toContain('kkkk')
  })

  it('redacts the backend tokens inside the jwt callback token', () => {
    const token = {
      sub: 'u1',
      accessToken: 'a',
      refreshToken: 'r',
      accessTokenExpires: 5,
      error: 'e',
    }
    expect(redact({ token })).toEqual({
      token: {
        sub: 'u1',
        accessToken: REDACTED,
        refreshToken: REDACTED,
        accessTokenExpires: 5,
        error: 'e',
      },
    })
  })

  it('redacts a JWT even under a safe key', () => {
    expect(redact({ name: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig' })).toEqual({ name: REDACTED })
  })

  it('shortens long strings and stops at a depth limit', () => {
    const long = redact({ name: 'n'.repeat(500) }) as { name: string }
    expect(long.name.length).toBeLessThanOrEqual(201)
    let deep: unknown = 'bottom'
    for (let i = 0; i < 10; i++) deep = { user: deep }
    expect(JSON.stringify(redact(deep))).toContain(REDACTED)
  })

  it('keeps primitives and turns undefined into null', () => {
    expect(redact({ ok: true, status: 401, error: undefined })).toEqual({
      ok: true,
      status: 401,
      error: null,
    })
  })
})
