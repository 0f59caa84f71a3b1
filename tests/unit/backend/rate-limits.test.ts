import { describe, expect, it } from 'vitest'

import { DEFAULT_RATE_LIMITS } from '@/demo-backend/core/rate-limits'
import { DEMO_ACCOUNT, DEMO_EDITOR_ACCOUNT } from '@/demo-backend/demo-account'
import { DATABASE_KINDS } from '@/tests/support/test-databases'
import {
  GENEROUS_RATE_LIMITS,
  WRONG_PASSWORD,
  countUsers,
  createCountingHasher,
  expectFailure,
  expectSuccess,
  loginInput,
  signupInput,
  useBackendHarness,
} from './harness'

const ATTACKER = { ip: '192.0.2.66' }
const OWNER = { ip: '198.51.100.3' }
const EMAIL = 'ada@example.com'
const wrong = loginInput({ email: EMAIL, password: WRONG_PASSWORD })
const right = loginInput({ email: EMAIL })

const threeFailuresInARow = {
  ...GENEROUS_RATE_LIMITS,
  loginFailuresPerEmailAndIp: { points: 3, seconds: 900 },
}

describe.each(DATABASE_KINDS)('rate limits on %s', (kind) => {
  const harness = useBackendHarness(kind)

  it('refuses the 11th attempt and even the right password after 10 wrong ones for one email from one IP', async () => {
    expect(DEFAULT_RATE_LIMITS.loginFailuresPerEmailAndIp.points).toBe(10)
    const backend = await harness.start()
    await backend.signup(signupInput({ email: EMAIL }), OWNER)
    for (let attempt = 1; attempt <= 10; attempt++) {
      expectFailure(await backend.login(wrong, ATTACKER), 'invalid_credentials')
    }
    for (const input of [wrong, right]) {
      const { retryAfterSeconds } = expectFailure(
        await backend.login(input, ATTACKER),
        'rate_limited',
      )
      expect(retryAfterSeconds).toBeGreaterThan(0)
      expect(retryAfterSeconds).toBeLessThanOrEqual(15 * 60)
    }
  })

  it('keeps letting the owner in from another IP while the attacker is blocked', async () => {
    const backend = await harness.start({ rateLimits: threeFailuresInARow })
    await backend.signup(signupInput({ email: EMAIL }), OWNER)
    for (let attempt = 1; attempt <= 3; attempt++) await backend.login(wrong, ATTACKER)
    expectFailure(await backend.login(right, ATTACKER), 'rate_limited')
    expectSuccess(await backend.login(right, OWNER))
  })

  it('spends no password hashing on a blocked attempt', async () => {
    const counting = createCountingHasher()
    const backend = await harness.start({
      rateLimits: threeFailuresInARow,
      passwords: counting.hasher,
    })
    await backend.signup(signupInput({ email: EMAIL }), OWNER)
    const beforeFailures = counting.count()
    for (let attempt = 1; attempt <= 3; attempt++) await backend.login(wrong, ATTACKER)
    expect(counting.count()).toBe(beforeFailures + 3)

    expectFailure(await backend.login(wrong, ATTACKER), 'rate_limited')
    expectFailure(await backend.login(right, ATTACKER), 'rate_limited')
    expect(counting.count()).toBe(beforeFailures + 3)
  })

  it('starts counting wrong passwords in a row again after a successful log-in', async () => {
    const backend = await harness.start({ rateLimits: threeFailuresInARow })
    await backend.signup(signupInput({ email: EMAIL }), OWNER)
    for (let attempt = 1; attempt <= 2; attempt++) await backend.login(wrong, OWNER)
    expectSuccess(await backend.login(right, OWNER))
    for (let attempt = 1; attempt <= 2; attempt++) await backend.login(wrong, OWNER)
    expectSuccess(await backend.login(right, OWNER))
  })

  it('blocks an IP that sprays wrong passwords across many emails', async () => {
    const backend = await harness.start({
      rateLimits: { ...GENEROUS_RATE_LIMITS, loginFailuresPerIp: { points: 5, seconds: 3_600 } },
    })
    await backend.signup(signupInput({ email: EMAIL }), OWNER)
    for (let victim = 1; victim <= 5; victim++) {
      const guess = loginInput({ email: `victim${victim}@example.com`, password: WRONG_PASSWORD })
      expectFailure(await backend.login(guess, ATTACKER), 'invalid_credentials')
    }
    const { retryAfterSeconds } = expectFailure(
      await backend.login(right, ATTACKER),
      'rate_limited',
    )
    expect(retryAfterSeconds).toBeGreaterThan(0)
    expectSuccess(await backend.login(right, OWNER))
  })

  it('counts a sign-up for a taken email with a wrong password as a failed log-in, and blocks the next guess either way', async () => {
    const backend = await harness.start({ rateLimits: threeFailuresInARow })
    await backend.signup(signupInput({ email: EMAIL }), OWNER)
    const guess = signupInput({ email: EMAIL, password: WRONG_PASSWORD })
    expectFailure(await backend.login(wrong, ATTACKER), 'invalid_credentials')
    expectFailure(await backend.signup(guess, ATTACKER), 'email_taken')
    expectFailure(await backend.signup(guess, ATTACKER), 'email_taken')

    expectFailure(await backend.signup(signupInput({ email: EMAIL }), ATTACKER), 'rate_limited')
    expectFailure(await backend.login(right, ATTACKER), 'rate_limited')
    expectSuccess(await backend.signup(signupInput({ email: EMAIL }), OWNER))
  })

  it('spends no password hashing on a sign-up from a client blocked from logging in', async () => {
    const counting = createCountingHasher()
    const backend = await harness.start({
      rateLimits: threeFailuresInARow,
      passwords: counting.hasher,
    })
    await backend.signup(signupInput({ email: EMAIL }), OWNER)
    for (let attempt = 1; attempt <= 3; attempt++) await backend.login(wrong, ATTACKER)
    const beforeBlocked = counting.count()
    const guess = signupInput({ email: EMAIL, password: WRONG_PASSWORD })
    expectFailure(await backend.signup(guess, ATTACKER), 'rate_limited')
    expect(counting.count()).toBe(beforeBlocked)
  })

  it('limits how many accounts one IP may create per hour', async () => {
    const backend = await harness.start({
      rateLimits: { ...GENEROUS_RATE_LIMITS, signupsPerIp: { points: 2, seconds: 3_600 } },
    })
    expectSuccess(await backend.signup(signupInput({ email: 'one@example.com' }), ATTACKER))
    expectSuccess(await backend.signup(signupInput({ email: 'two@example.com' }), ATTACKER))
    const third = await backend.signup(signupInput({ email: 'three@example.com' }), ATTACKER)
    const { retryAfterSeconds } = expectFailure(third, 'rate_limited')
    expect(retryAfterSeconds).toBeGreaterThan(0)
    expect(retryAfterSeconds).toBeLessThanOrEqual(3_600)
    expect(await countUsers(harness.databaseUrl(), 'three@example.com')).toBe(0)
    expectSuccess(await backend.signup(signupInput({ email: 'three@example.com' }), OWNER))
  })

  describe('the demo accounts, shared by every reader', () => {
    const demoWrong = loginInput({ email: DEMO_ACCOUNT.email, password: WRONG_PASSWORD })
    const demoRight = loginInput({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password })

    it('are never locked by wrong passwords from one address: more than the per-email limit, then the right one signs in', async () => {
      const backend = await harness.start({ rateLimits: threeFailuresInARow })
      for (let attempt = 1; attempt <= 6; attempt++) {
        expectFailure(await backend.login(demoWrong, ATTACKER), 'invalid_credentials')
      }
      expectSuccess(await backend.login(demoRight, ATTACKER))
    })

    it('only slow the address that sends wrong ones, for at most a minute, while another address signs in', async () => {
      expect(DEFAULT_RATE_LIMITS.demoLoginFailuresPerIp.seconds).toBe(60)
      const backend = await harness.start({
        rateLimits: { ...GENEROUS_RATE_LIMITS, demoLoginFailuresPerIp: { points: 3, seconds: 60 } },
      })
      for (let attempt = 1; attempt <= 3; attempt++) {
        expectFailure(await backend.login(demoWrong, ATTACKER), 'invalid_credentials')
      }
      const { retryAfterSeconds } = expectFailure(
        await backend.login(demoRight, ATTACKER),
        'rate_limited',
      )
      expect(retryAfterSeconds).toBeLessThanOrEqual(60)
      expectSuccess(await backend.login(demoRight, OWNER))
      const editorRight = loginInput({
        email: DEMO_EDITOR_ACCOUNT.email,
        password: DEMO_EDITOR_ACCOUNT.password,
      })
      expectSuccess(await backend.login(editorRight, OWNER))
    })

    it('do not add to the address’s daily block for spraying: its own accounts still sign in after many wrong demo passwords', async () => {
      const backend = await harness.start({
        rateLimits: { ...GENEROUS_RATE_LIMITS, loginFailuresPerIp: { points: 3, seconds: 3_600 } },
      })
      await backend.signup(signupInput({ email: EMAIL }), OWNER)
      for (let attempt = 1; attempt <= 6; attempt++) {
        expectFailure(await backend.login(demoWrong, ATTACKER), 'invalid_credentials')
      }
      expectSuccess(await backend.login(right, ATTACKER))
    })

    it('are still refused to an address blocked for spraying, without hashing', async () => {
      const counting = createCountingHasher()
      const backend = await harness.start({
        rateLimits: { ...GENEROUS_RATE_LIMITS, loginFailuresPerIp: { points: 3, seconds: 3_600 } },
        passwords: counting.hasher,
      })
      for (let victim = 1; victim <= 3; victim++) {
        const guess = loginInput({ email: `victim${victim}@example.com`, password: WRONG_PASSWORD })
        expectFailure(await backend.login(guess, ATTACKER), 'invalid_credentials')
      }
      const before = counting.count()
      expectFailure(await backend.login(demoRight, ATTACKER), 'rate_limited')
      expect(counting.count()).toBe(before)
    })
  })
})
