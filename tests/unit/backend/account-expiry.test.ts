import { describe, expect, it } from 'vitest'

import type { DemoAccount } from '@/demo-backend/demo-account'
import { DEMO_ACCOUNT, DEMO_EDITOR_ACCOUNT } from '@/demo-backend/demo-account'
import { DATABASE_KINDS } from '@/tests/support/test-databases'
import {
  countUsers,
  deleteUser,
  expectFailure,
  expectSuccess,
  loginInput,
  signupInput,
  useBackendHarness,
} from './harness'

const CLIENT = { ip: '198.51.100.4' }
const HOUR_MS = 3_600_000
const loginAs = (account: DemoAccount) =>
  loginInput({ email: account.email, password: account.password })

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

  it('seeds the demo reader and the demo editor, who log in with their roles and never expire', async () => {
    let now = Date.now()
    const backend = await harness.start({ now: () => now, signupAccountLifetimeHours: 1 })
    for (const account of [DEMO_ACCOUNT, DEMO_EDITOR_ACCOUNT]) {
      const session = expectSuccess(await backend.login(loginAs(account), CLIENT))
      expect(session.user).toStrictEqual({
        id: expect.any(String),
        email: account.email,
        name: account.name,
        role: account.role,
      })
    }
    expect([DEMO_ACCOUNT.role, DEMO_EDITOR_ACCOUNT.role]).toStrictEqual(['reader', 'editor'])

    now += 10 * 365 * 24 * HOUR_MS
    expect(await backend.purgeExpiredAccounts()).toStrictEqual({ ok: true, value: 0 })
    for (const account of [DEMO_ACCOUNT, DEMO_EDITOR_ACCOUNT]) {
      expectSuccess(await backend.login(loginAs(account), CLIENT))
    }
  })

  it('keeps exactly one of each demo account when the backend starts twice on one database', async () => {
    const first = await harness.start()
    const firstUsers = await Promise.all(
      [DEMO_ACCOUNT, DEMO_EDITOR_ACCOUNT].map(
        async (account) => expectSuccess(await first.login(loginAs(account), CLIENT)).user,
      ),
    )
    await first.close()
    const second = await harness.start()
    for (const [index, account] of [DEMO_ACCOUNT, DEMO_EDITOR_ACCOUNT].entries()) {
      const user = expectSuccess(await second.login(loginAs(account), CLIENT)).user
      expect(user).toStrictEqual(firstUsers[index])
      expect(await countUsers(harness.databaseUrl(), account.email)).toBe(1)
    }
  })

  it('replaces a signed-up account that squats the demo editor’s email, and ends its sessions, on the next start', async () => {
    const first = await harness.start()
    // why: the state of a database from before the demo editor existed, where anyone could
    // sign up with its email.
    await deleteUser(harness.databaseUrl(), DEMO_EDITOR_ACCOUNT.email)
    const squatter = expectSuccess(
      await first.signup(signupInput({ email: DEMO_EDITOR_ACCOUNT.email }), CLIENT),
    )
    expect(squatter.user.role).toBe('reader')
    await first.close()

    const second = await harness.start()
    const editor = expectSuccess(await second.login(loginAs(DEMO_EDITOR_ACCOUNT), CLIENT))
    expect(editor.user.role).toBe('editor')
    expect(editor.user.id).not.toBe(squatter.user.id)
    expectFailure(await second.refresh(squatter.refreshToken), 'invalid_token')
    expectFailure(
      await second.login(loginInput({ email: DEMO_EDITOR_ACCOUNT.email }), CLIENT),
      'invalid_credentials',
    )
  })
})
