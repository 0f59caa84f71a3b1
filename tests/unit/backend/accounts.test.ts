import { describe, expect, it } from 'vitest'

import { DATABASE_KINDS } from '@/tests/support/test-databases'
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  PASSWORD,
  WRONG_PASSWORD,
  countUsers,
  expectFailure,
  expectSuccess,
  loginInput,
  signupInput,
  useBackendHarness,
} from './harness'

const CLIENT = { ip: '198.51.100.1' }

describe.each(DATABASE_KINDS)('accounts on %s', (kind) => {
  const harness = useBackendHarness(kind)

  it('signs up with the user, an access token with its expiry and a refresh token, never a hash', async () => {
    const backend = await harness.start()
    const before = Date.now()
    const session = expectSuccess(
      await backend.signup(signupInput({ email: 'ada@example.com', name: 'Ada' }), CLIENT),
    )
    expect(Object.keys(session).sort()).toEqual([
      'accessToken',
      'accessTokenExpires',
      'refreshToken',
      'user',
    ])
    expect(session.user).toStrictEqual({
      id: expect.any(String),
      email: 'ada@example.com',
      name: 'Ada',
      role: 'reader',
    })
    expect(session.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(session.refreshToken.length).toBeGreaterThanOrEqual(43)
    expect(session.accessTokenExpires).toBeGreaterThanOrEqual(
      before + ACCESS_TOKEN_LIFETIME_SECONDS * 1000,
    )
    expect(session.accessTokenExpires).toBeLessThanOrEqual(
      Date.now() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000,
    )
    expect(JSON.stringify(session)).not.toContain('argon2')
  })

  it('gives a user who signed up without a name the name null', async () => {
    const backend = await harness.start()
    const session = expectSuccess(
      await backend.signup(signupInput({ email: 'x@example.com' }), CLIENT),
    )
    expect(session.user.name).toBeNull()
  })

  it('logs in with the right password as the same user, with a new session', async () => {
    const backend = await harness.start()
    const signedUp = expectSuccess(
      await backend.signup(signupInput({ email: 'ada@example.com' }), CLIENT),
    )
    const loggedIn = expectSuccess(
      await backend.login(loginInput({ email: 'ada@example.com' }), CLIENT),
    )
    expect(loggedIn.user).toStrictEqual(signedUp.user)
    expect(loggedIn.refreshToken).not.toBe(signedUp.refreshToken)
  })

  it('answers a wrong password and an unknown email with the same bare invalid_credentials', async () => {
    const backend = await harness.start()
    await backend.signup(signupInput({ email: 'ada@example.com' }), CLIENT)
    const wrongPassword = await backend.login(
      loginInput({ email: 'ada@example.com', password: WRONG_PASSWORD }),
      CLIENT,
    )
    const unknownEmail = await backend.login(loginInput({ email: 'bob@example.com' }), CLIENT)
    expect(wrongPassword).toStrictEqual({ ok: false, code: 'invalid_credentials' })
    expect(unknownEmail).toStrictEqual({ ok: false, code: 'invalid_credentials' })
  })

  it('treats emails that differ only in width, case and spaces as one account', async () => {
    const backend = await harness.start()
    const session = expectSuccess(
      await backend.signup(signupInput({ email: 'Ａlice@Example.com ' }), CLIENT),
    )
    expect(session.user.email).toBe('alice@example.com')
    expectSuccess(await backend.login(loginInput({ email: 'alice@example.com' }), CLIENT))
    expectFailure(
      await backend.signup(
        signupInput({ email: ' ALICE@example.COM', password: WRONG_PASSWORD }),
        CLIENT,
      ),
      'email_taken',
    )
  })

  it('matches a password typed in full-width letters with the same password in ASCII', async () => {
    const backend = await harness.start()
    await backend.signup(
      signupInput({ email: 'ada@example.com', password: 'Ｆｕｌｌ width passphrase' }),
      CLIENT,
    )
    expectSuccess(
      await backend.login(
        loginInput({ email: 'ada@example.com', password: 'Full width passphrase' }),
        CLIENT,
      ),
    )
  })

  it('creates one account from 20 simultaneous sign-ups with one email and password, and signs all 20 in as it', async () => {
    const backend = await harness.start()
    const attempts = Array.from({ length: 20 }, (_, index) =>
      // why: distinct IPs, so that the per-IP sign-up limit plays no part.
      backend.signup(signupInput({ email: 'race@example.com' }), { ip: `203.0.113.${index}` }),
    )
    const sessions = (await Promise.all(attempts)).map(expectSuccess)
    expect(await countUsers(harness.databaseUrl(), 'race@example.com')).toBe(1)
    const [first] = sessions
    for (const session of sessions) expect(session.user).toStrictEqual(first?.user)
    expect(new Set(sessions.map((session) => session.refreshToken)).size).toBe(20)
  })

  it('lets exactly one of 20 simultaneous sign-ups with one email and different passwords create the account', async () => {
    const backend = await harness.start()
    const attempts = Array.from({ length: 20 }, (_, index) =>
      backend.signup(signupInput({ email: 'race@example.com', password: `${PASSWORD} ${index}` }), {
        ip: `203.0.113.${index}`,
      }),
    )
    const results = await Promise.all(attempts)
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    const failures = results.filter((result) => !result.ok)
    expect(failures).toHaveLength(19)
    for (const failure of failures) expectFailure(failure, 'email_taken')
    expect(await countUsers(harness.databaseUrl(), 'race@example.com')).toBe(1)
  })

  it('answers a sign-up sent again with the same password as the first: the same reader, a new session', async () => {
    const backend = await harness.start()
    const first = expectSuccess(
      await backend.signup(signupInput({ email: 'ada@example.com', name: 'Ada' }), CLIENT),
    )
    const retried = expectSuccess(
      await backend.signup(signupInput({ email: 'ADA@example.com', name: 'Ada' }), CLIENT),
    )
    expect(retried.user).toStrictEqual(first.user)
    expect(retried.user.role).toBe('reader')
    expect(retried.refreshToken).not.toBe(first.refreshToken)
    expect(expectSuccess(await backend.me(retried.accessToken)).user).toStrictEqual(first.user)
    // Two log-ins, two families: both sessions go on.
    expectSuccess(await backend.refresh(first.refreshToken))
    expectSuccess(await backend.refresh(retried.refreshToken))
    expect(await countUsers(harness.databaseUrl(), 'ada@example.com')).toBe(1)
  })

  it('answers a sign-up for a taken email with another password 409 email_taken, and signs no one in', async () => {
    const backend = await harness.start()
    const first = expectSuccess(
      await backend.signup(signupInput({ email: 'ada@example.com', name: 'Ada' }), CLIENT),
    )
    const other = signupInput({ email: 'ada@example.com', password: WRONG_PASSWORD, name: 'Eve' })
    expect(await backend.signup(other, CLIENT)).toStrictEqual({ ok: false, code: 'email_taken' })
    expect(
      expectSuccess(await backend.login(loginInput({ email: 'ada@example.com' }), CLIENT)).user,
    ).toStrictEqual(first.user)
  })

  it('refuses a commonly used password as invalid_input and creates no account', async () => {
    const backend = await harness.start()
    for (const password of ['passwordpassword', 'PasswordPassword', '1qaz2wsx3edc4rfv']) {
      const input = signupInput({ email: 'ada@example.com', password })
      expectFailure(await backend.signup(input, CLIENT), 'invalid_input', 'password')
    }
    expect(await countUsers(harness.databaseUrl(), 'ada@example.com')).toBe(0)
  })

  it('keeps SQL-looking text as plain data that comes back unchanged', async () => {
    const backend = await harness.start()
    const name = "Robert'); DROP TABLE users;--"
    const email = "o'brien@example.com"
    const password = "' OR '1'='1' --; DROP TABLE users;"
    const session = expectSuccess(
      await backend.signup(signupInput({ email, name, password }), CLIENT),
    )
    expect(expectSuccess(await backend.me(session.accessToken)).user).toStrictEqual({
      id: session.user.id,
      email,
      name,
      role: 'reader',
    })
    expectSuccess(await backend.login(loginInput({ email, password }), CLIENT))
    expect(await countUsers(harness.databaseUrl())).toBe(3) // the two demo accounts and Robert
  })

  it('accepts a password of 256 characters and matches it in full, not truncated', async () => {
    const backend = await harness.start()
    const long = 'p'.repeat(255)
    await backend.signup(signupInput({ email: 'ada@example.com', password: `${long}a` }), CLIENT)
    const truncated = await backend.login(
      loginInput({ email: 'ada@example.com', password: `${long}b` }),
      CLIENT,
    )
    expectFailure(truncated, 'invalid_credentials')
    expectSuccess(
      await backend.login(loginInput({ email: 'ada@example.com', password: `${long}a` }), CLIENT),
    )
  })

  it('compares passwords case-sensitively, unlike emails', async () => {
    const backend = await harness.start()
    await backend.signup(signupInput({ email: 'ada@example.com', password: PASSWORD }), CLIENT)
    const changedCase = loginInput({ email: 'ada@example.com', password: PASSWORD.toUpperCase() })
    expectFailure(await backend.login(changedCase, CLIENT), 'invalid_credentials')
  })
})
