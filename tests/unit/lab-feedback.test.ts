import { describe, expect, it } from 'vitest'

import { feedbackFor, lockoutNotice, SIGN_UP_HINTS } from '@/components/lab/sign-in-feedback'
import { DEMO_ACCOUNT } from '@/demo-backend/demo-account'
import { NAME_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/demo-backend/field-limits'
import { DEFAULT_RATE_LIMITS } from '@/demo-backend/rate-limit-settings'

const failed = (error: string) => ({ ok: false, error, status: 401, url: null })
const typed = { email: 'ada@example.com', password: 'a long enough passphrase', name: '' }

describe('feedbackFor', () => {
  it('tells a success, a failure and a signIn redirect apart', () => {
    expect(
      feedbackFor('login', { ok: true, error: null, status: 200, url: 'http://x/lab' }, typed),
    ).toEqual({ tone: 'status', text: 'Signed in.', fields: {} })
    expect(feedbackFor('login', failed('CredentialsSignin'), typed)).toMatchObject({
      tone: 'error',
      text: expect.stringMatching(
        /^Sign-in failed\. The email or password is incorrect\. .* \(CredentialsSignin, HTTP 401\)$/,
      ),
    })
    expect(
      feedbackFor(
        'login',
        { ok: true, error: null, status: 200, url: 'http://x/lab#signin-returned-a-url' },
        typed,
      ).text,
    ).toMatch(/^The signIn callback returned a URL/)
  })

  it('puts a 500-character name’s problem next to the name, not the password', () => {
    const feedback = feedbackFor('signup', failed('invalid_input:name'), {
      ...typed,
      name: 'n'.repeat(500),
    })
    expect(feedback.fields).toEqual({
      name: `Use a name of at most ${NAME_MAX_LENGTH} characters, or leave it empty.`,
    })
    expect(feedback.text).toMatch(/^Could not create the account\. Check the name\./)
  })

  it('says whether a refused new password is too short or too common, from what was typed', () => {
    const short = feedbackFor('signup', failed('invalid_input:password'), {
      ...typed,
      password: 'short one',
    })
    expect(short.fields.password).toBe(
      `Use at least ${PASSWORD_MIN_LENGTH} characters; this one has 9.`,
    )
    const common = feedbackFor('signup', failed('invalid_input:password'), {
      ...typed,
      password: 'passwordpassword',
    })
    expect(common.fields.password).toMatch(/commonly used/)
  })

  it('never starts a sign-up failure with "Sign-in failed"', () => {
    for (const error of ['invalid_input', 'email_taken', 'rate_limited:60', 'unavailable']) {
      expect(feedbackFor('signup', failed(error), typed).text).toMatch(
        /^Could not create the account\./,
      )
    }
    expect(feedbackFor('signup', failed('email_taken'), typed).fields.email).toMatch(
      /already exists/,
    )
  })

  it('says when a rate limit lifts, from the seconds the error carries', () => {
    expect(feedbackFor('login', failed('rate_limited:840'), typed).text).toBe(
      'Sign-in failed. Too many attempts from your network. Try again in 14 minutes. (rate_limited:840, HTTP 401)',
    )
  })
})

describe('lockoutNotice', () => {
  it('announces the lock an account’s wrong passwords lead to, with the backend’s numbers', () => {
    const { points } = DEFAULT_RATE_LIMITS.loginFailuresPerEmailAndIp
    expect(lockoutNotice('ada@example.com')).toBe(
      `After ${points} wrong passwords for one email from your network, that email is locked here for up to 15 minutes.`,
    )
  })

  it('tells a demo account apart however its email is written, and promises it never locks', () => {
    for (const email of [DEMO_ACCOUNT.email, ' DEMO@Example.com ', 'ｄｅｍｏ@example.com']) {
      expect(lockoutNotice(email)).toMatch(
        /^Wrong passwords never lock the demo accounts: after 10 in a minute/,
      )
    }
  })
})

describe('SIGN_UP_HINTS', () => {
  it('state the backend’s own limits', () => {
    expect(SIGN_UP_HINTS.password).toBe('15 to 256 characters, not a commonly used password.')
    expect(SIGN_UP_HINTS.name).toBe('Optional, up to 100 characters.')
  })
})
