import { describe, expect, it } from 'vitest'

import { DEFAULT_RATE_LIMITS } from '@/demo-backend/core/rate-limits'
import { DEMO_ACCOUNT } from '@/demo-backend/demo-account'
import type { Result } from '@/demo-backend/errors'
import { DATABASE_KINDS } from '@/tests/support/test-databases'
import {
  GENEROUS_RATE_LIMITS,
  WRONG_PASSWORD,
  createCountingHasher,
  expectFailure,
  expectSuccess,
  loginInput,
  signupInput,
  useBackendHarness,
} from './harness'

const EMAIL = 'ada@example.com'
const OWNER = { ip: '198.51.100.3' }
const wrong = loginInput({ email: EMAIL, password: WRONG_PASSWORD })
const right = loginInput({ email: EMAIL })

/** So many in flight per address that only the counted limits decide. */
const NO_IN_FLIGHT_BOUND = { perAddress: 1_000, total: 1_000 }

/** Each attacker address in its own IPv6 /64, so no two share a per-address limit. */
const attackerAddress = (index: number) => ({ ip: `2001:db8:${index.toString(16)}::66` })

const codesOf = (results: Result<unknown>[]) =>
  results.map((result) => (result.ok ? 'ok' : result.code))

const count = (codes: string[], code: string) => codes.filter((each) => each === code).length

describe.each(DATABASE_KINDS)('rate limits under parallel attempts on %s', (kind) => {
  const harness = useBackendHarness(kind)

  it('hashes at most 10 of 60 parallel wrong passwords for one email from one address, and refuses the other 50', async () => {
    const counting = createCountingHasher()
    const backend = await harness.start({
      passwords: counting.hasher,
      inFlight: NO_IN_FLIGHT_BOUND,
    })
    await backend.signup(signupInput({ email: EMAIL }), OWNER)
    const hashesBefore = counting.count()

    const attacker = { ip: '192.0.2.66' }
    const results = await Promise.all(
      Array.from({ length: 60 }, () => backend.login(wrong, attacker)),
    )
    const codes = codesOf(results)
    const limit = DEFAULT_RATE_LIMITS.loginFailuresPerEmailAndIp.points
    expect(count(codes, 'invalid_credentials')).toBe(limit)
    expect(count(codes, 'rate_limited')).toBe(60 - limit)
    expect(counting.count() - hashesBefore).toBe(limit)
    expectFailure(await backend.login(right, attacker), 'rate_limited')
  })

  it('slows a guessing attack on one account from many addresses to the account-wide limit, and lets the owner in from a fresh address once it lifts', async () => {
    const backend = await harness.start({
      rateLimits: { ...GENEROUS_RATE_LIMITS, loginFailuresPerAccount: { points: 5, seconds: 2 } },
      inFlight: NO_IN_FLIGHT_BOUND,
    })
    await backend.signup(signupInput({ email: EMAIL }), OWNER)

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => backend.login(wrong, attackerAddress(index))),
    )
    const codes = codesOf(results)
    expect(count(codes, 'invalid_credentials')).toBe(5)
    expect(count(codes, 'rate_limited')).toBe(15)
    for (const result of results) {
      if (!result.ok && result.code === 'rate_limited')
        expect(result.retryAfterSeconds).toBeLessThanOrEqual(2)
    }

    // The throttle slows everyone on this account for a moment, the owner too: then it lifts.
    const fresh = { ip: '203.0.113.200' }
    const { retryAfterSeconds } = expectFailure(await backend.login(right, fresh), 'rate_limited')
    await new Promise((resolve) => setTimeout(resolve, (retryAfterSeconds ?? 2) * 1000 + 100))
    expectSuccess(await backend.login(right, fresh))
  })

  it('refunds the account-wide count for a right password, so the owner’s own log-ins never slow the account', async () => {
    const backend = await harness.start({
      rateLimits: { ...GENEROUS_RATE_LIMITS, loginFailuresPerAccount: { points: 3, seconds: 60 } },
    })
    await backend.signup(signupInput({ email: EMAIL }), OWNER)
    for (let attempt = 0; attempt < 10; attempt++) expectSuccess(await backend.login(right, OWNER))
  })

  it('gives the public demo account no account-wide throttle: a reader gets in while many addresses fail on it', async () => {
    const backend = await harness.start({
      rateLimits: { ...GENEROUS_RATE_LIMITS, loginFailuresPerAccount: { points: 3, seconds: 60 } },
      inFlight: NO_IN_FLIGHT_BOUND,
    })
    const demoWrong = loginInput({ email: DEMO_ACCOUNT.email, password: WRONG_PASSWORD })
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => backend.login(demoWrong, attackerAddress(index))),
    )
    for (const result of results) expectFailure(result, 'invalid_credentials')
    const demoRight = loginInput({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password })
    expectSuccess(await backend.login(demoRight, { ip: '203.0.113.201' }))
  })

  it('counts addresses of one IPv6 /64 as one client', async () => {
    const backend = await harness.start({
      rateLimits: {
        ...GENEROUS_RATE_LIMITS,
        loginFailuresPerEmailAndIp: { points: 3, seconds: 900 },
      },
    })
    await backend.signup(signupInput({ email: EMAIL }), OWNER)
    for (const ip of ['2001:db8:1:2::a', '2001:db8:1:2:ffff::b', '2001:0db8:0001:0002:1::c']) {
      expectFailure(await backend.login(wrong, { ip }), 'invalid_credentials')
    }
    expectFailure(await backend.login(right, { ip: '2001:db8:1:2:abcd::1' }), 'rate_limited')
    expectSuccess(await backend.login(right, { ip: '2001:db8:1:3::a' }))
  })
})
