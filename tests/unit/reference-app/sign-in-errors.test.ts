import { describe, expect, it } from 'vitest'

import { createAuthorize } from '@reference-app/lib/authorize'
import type { BackendClient } from '@reference-app/lib/backend'
import { parseRetryAfter } from '@reference-app/lib/backend'
import {
  describeSignInError,
  encodeSignInError,
  parseSignInError,
  tryAgainIn,
} from '@reference-app/lib/sign-in-errors'

describe('the sign-in error format', () => {
  it('writes a code alone, or with the field at fault or the seconds to wait after a colon', () => {
    expect(encodeSignInError({ code: 'email_taken' })).toBe('email_taken')
    expect(encodeSignInError({ code: 'invalid_input', field: 'name' })).toBe('invalid_input:name')
    expect(encodeSignInError({ code: 'rate_limited', retryAfterSeconds: 840 })).toBe(
      'rate_limited:840',
    )
  })

  it('reads back what it writes', () => {
    for (const error of [
      { code: 'email_taken' },
      { code: 'invalid_input', field: 'password' },
      { code: 'rate_limited', retryAfterSeconds: 59 },
    ] as const) {
      expect(parseSignInError(encodeSignInError(error))).toEqual(error)
    }
  })

  it('reads NextAuth’s own codes and anything unexpected as a bare code, whole', () => {
    expect(parseSignInError('CredentialsSignin')).toEqual({ code: 'CredentialsSignin' })
    expect(parseSignInError('invalid_input:role')).toEqual({ code: 'invalid_input:role' })
    expect(parseSignInError('rate_limited:-5')).toEqual({ code: 'rate_limited:-5' })
    expect(parseSignInError('rate_limited:1e9')).toEqual({ code: 'rate_limited:1e9' })
  })
})

describe('tryAgainIn', () => {
  it('rounds the wait up, in seconds up to a minute, then minutes up to an hour, then hours', () => {
    expect(tryAgainIn(1)).toBe('Try again in 1 second.')
    expect(tryAgainIn(45)).toBe('Try again in 45 seconds.')
    expect(tryAgainIn(61)).toBe('Try again in 2 minutes.')
    expect(tryAgainIn(840)).toBe('Try again in 14 minutes.')
    expect(tryAgainIn(3_600)).toBe('Try again in 60 minutes.')
    expect(tryAgainIn(86_400)).toBe('Try again in 24 hours.')
  })
})

describe('describeSignInError', () => {
  it('says when a rate limit lifts when the error carries it, and falls back when not', () => {
    expect(describeSignInError('rate_limited:840')).toBe(
      'Too many attempts. Try again in 14 minutes.',
    )
    expect(describeSignInError('rate_limited')).toBe(
      'Too many attempts. Wait a minute, then try again.',
    )
    expect(describeSignInError('invalid_input:name')).toBe(describeSignInError('invalid_input'))
    expect(describeSignInError('no_such_code')).toBe('Something went wrong. Try again.')
    expect(describeSignInError(undefined)).toBe('Something went wrong. Try again.')
  })
})

describe('parseRetryAfter', () => {
  it('takes whole seconds and ignores dates, signs, fractions and nonsense', () => {
    expect(parseRetryAfter('840')).toBe(840)
    expect(parseRetryAfter(' 5 ')).toBe(5)
    for (const header of [null, '', 'Wed, 21 Oct 2015 07:28:00 GMT', '-1', '1.5', '1e3']) {
      expect(parseRetryAfter(header)).toBeUndefined()
    }
  })
})

describe('authorize() names the field its own check refused', () => {
  const untouched = new Proxy({} as BackendClient, {
    get() {
      throw new Error('the backend must not be called')
    },
  })

  it('throws invalid_input:name for a 500-character name, without calling the backend', async () => {
    const authorize = createAuthorize('signup', untouched)
    await expect(
      authorize({ email: 'ada@example.com', password: 'x'.repeat(20), name: 'n'.repeat(500) }),
    ).rejects.toThrow(/^invalid_input:name$/)
  })

  it('throws invalid_input:password for a password longer than 256 characters', async () => {
    const authorize = createAuthorize('login', untouched)
    await expect(
      authorize({ email: 'ada@example.com', password: 'x'.repeat(257) }),
    ).rejects.toThrow(/^invalid_input:password$/)
  })
})
