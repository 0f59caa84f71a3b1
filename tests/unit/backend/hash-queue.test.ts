import { describe, expect, it } from 'vitest'

import { DEMO_ACCOUNT } from '@/demo-backend/demo-account'
import { DATABASE_KINDS } from '@/tests/support/test-databases'
import {
  GENEROUS_RATE_LIMITS,
  WRONG_PASSWORD,
  createCountingHasher,
  expectFailure,
  expectSuccess,
  loginInput,
} from './harness'
import { useBackendHarness } from './harness'

const demoRight = loginInput({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password })
const demoWrong = loginInput({ email: DEMO_ACCOUNT.email, password: WRONG_PASSWORD })

describe.each(DATABASE_KINDS)('the password hashing queue on %s', (kind) => {
  const harness = useBackendHarness(kind)

  it(
    'answers 400 parallel log-ins from one address at once beyond 10 in flight, and a reader elsewhere still gets in quickly',
    { timeout: 60_000 },
    async () => {
      const counting = createCountingHasher()
      const backend = await harness.start({
        rateLimits: GENEROUS_RATE_LIMITS,
        passwords: counting.hasher,
      })
      // Warm the decoy hash and the database, so the reader's time is the queue's.
      expectSuccess(await backend.login(demoRight, { ip: '198.51.100.1' }))
      const hashesBefore = counting.count()

      const attacker = { ip: '192.0.2.66' }
      const burst = Array.from({ length: 400 }, () => backend.login(demoWrong, attacker))
      const started = performance.now()
      expectSuccess(await backend.login(demoRight, { ip: '198.51.100.2' }))
      const readerMs = performance.now() - started

      // why: ~10 hashes ahead of the reader at 10–50 ms each on two shared cores; an
      // unbounded queue puts all 400 ahead (several seconds).
      expect(readerMs).toBeLessThan(1_500)

      const results = await Promise.all(burst)
      const limited = results.filter((result) => !result.ok && result.code === 'rate_limited')
      const refused = results.filter(
        (result) => !result.ok && result.code === 'invalid_credentials',
      )
      expect(limited.length + refused.length).toBe(400)
      expect(refused.length).toBeLessThanOrEqual(10)
      for (const result of limited) expect(result).toMatchObject({ retryAfterSeconds: 1 })
      // The burst cost at most its 10 hashes in flight, plus the reader's one.
      expect(counting.count() - hashesBefore).toBeLessThanOrEqual(11)
    },
  )

  it('answers unavailable with Retry-After at once when the queue is full, instead of waiting in it', async () => {
    const backend = await harness.start({
      rateLimits: GENEROUS_RATE_LIMITS,
      inFlight: { perAddress: 10, total: 4 },
    })
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        backend.login(demoWrong, { ip: `203.0.113.${index + 1}` }),
      ),
    )
    const unavailable = results.filter((result) => !result.ok && result.code === 'unavailable')
    expect(unavailable.length).toBeGreaterThanOrEqual(16)
    for (const result of unavailable) expectFailure(result, 'unavailable')
    for (const result of unavailable) expect(result).toMatchObject({ retryAfterSeconds: 1 })
    // Nothing stays reserved: once the burst is answered, a reader gets in.
    expectSuccess(await backend.login(demoRight, { ip: '198.51.100.2' }))
  })
})
