import { describe, expect, it } from 'vitest'

import { DEMO_ACCOUNT } from '@/demo-backend/demo-account'
import { DATABASE_KINDS } from '@/tests/support/test-databases'
import {
  countUsers,
  expectFailure,
  expectSuccess,
  loginInput,
  signupInput,
  useBackendHarness,
} from './harness'

const CLIENT = { ip: '198.51.100.4' }
const HOUR_MS = 3_600_000
const demoLogin = loginInput({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password })

describe.each(DATABASE_KINDS)('account lifetimes on %s', (kind) => {
  const harness = useBackendHarness(kind)

  it('closes a signed-up account after its lifetime and purges it', async () => {
    let now = Date.now()
    const backend = await harness.start({ now: () => now, signupAccountLifetimeHours: 2 })
    const session = expectSuccess(
      await backend.signup(signupInput({ email: 'ada@example.com' }), CLIENT),
    )

    now += 2 * HOUR_MS - 1
    expectSuccess(await backend.login(loginInput({ email: 'ada@example.com' }), CLIENT))
    expect(await backend.purgeExpiredAccounts()).toStrictEqual({ ok: true, value: 0 })

    now += 1
    expectFailure(
      await backend.login(loginInput({ email: 'ada@example.com' }), CLIENT),
      'invalid_credentials',
    )
    expectFailure(await backend.refresh(session.refreshToken), 'invalid_token')
    expect(await backend.purgeExpiredAccounts()).toStrictEqual({ ok: true, value: 1 })
    expect(await countUsers(harness.databaseUrl(), 'ada@example.com')).toBe(0)
  })

  it('seeds the demo account, which logs in and never expires', async () => {
    let now = Date.now()
    const backend = await harness.start({ now: () => now, signupAccountLifetimeHours: 1 })
    const session = expectSuccess(await backend.login(demoLogin, CLIENT))
    expect(session.user).toStrictEqual({
      id: expect.any(String),
      email: DEMO_ACCOUNT.email,
      name: DEMO_ACCOUNT.name,
    })

    now += 10 * 365 * 24 * HOUR_MS
    expect(await backend.purgeExpiredAccounts()).toStrictEqual({ ok: true, value: 0 })
    expectSuccess(await backend.login(demoLogin, CLIENT))
  })

  it('keeps exactly one demo account when the backend starts twice on one database', async () => {
    const first = await harness.start()
    const firstUser = expectSuccess(await first.login(demoLogin, CLIENT)).user
    await first.close()
    const second = await harness.start()
    expect(expectSuccess(await second.login(demoLogin, CLIENT)).user).toStrictEqual(firstUser)
    expect(await countUsers(harness.databaseUrl(), DEMO_ACCOUNT.email)).toBe(1)
  })
})
