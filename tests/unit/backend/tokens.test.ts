import { describe, expect, it } from 'vitest'

import { createAccessTokens } from '@/demo-backend/core/tokens'
import { DATABASE_KINDS } from '@/tests/support/test-databases'
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  expectFailure,
  expectSuccess,
  loginInput,
  signupInput,
  useBackendHarness,
} from './harness'

const CLIENT = { ip: '198.51.100.2' }

/** The same token with another subject in its payload, signature untouched. */
function withSubject(token: string, subject: string): string {
  const [header, payload, signature] = token.split('.')
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'))
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: subject })).toString('base64url')
  return [header, forged, signature].join('.')
}

describe.each(DATABASE_KINDS)('tokens on %s', (kind) => {
  const harness = useBackendHarness(kind)

  async function signUp(backend: Awaited<ReturnType<typeof harness.start>>, email: string) {
    return expectSuccess(await backend.signup(signupInput({ email, name: email }), CLIENT))
  }

  it('answers me() with the user an access token was issued to', async () => {
    const backend = await harness.start()
    const session = await signUp(backend, 'ada@example.com')
    expect(await backend.me(session.accessToken)).toStrictEqual({
      ok: true,
      value: { user: session.user },
    })
  })

  it('refuses an access token whose payload was changed to name another user', async () => {
    const backend = await harness.start()
    const ada = await signUp(backend, 'ada@example.com')
    const bob = await signUp(backend, 'bob@example.com')
    expectFailure(await backend.me(withSubject(ada.accessToken, bob.user.id)), 'invalid_token')
  })

  it('refuses an access token signed with another secret', async () => {
    const backend = await harness.start()
    const session = await signUp(backend, 'ada@example.com')
    const foreign = createAccessTokens('another-secret-that-is-long-enough-0123456789', 900)
    const { token } = await foreign.issue(session.user.id, Date.now())
    expectFailure(await backend.me(token), 'invalid_token')
  })

  it('refuses an access token once its lifetime has passed', async () => {
    let now = Date.now()
    const backend = await harness.start({ now: () => now })
    const session = await signUp(backend, 'ada@example.com')
    now += (ACCESS_TOKEN_LIFETIME_SECONDS - 1) * 1000
    expectSuccess(await backend.me(session.accessToken))
    now += 2000
    expectFailure(await backend.me(session.accessToken), 'invalid_token')
  })

  it('exchanges a refresh token for a new pair that works', async () => {
    const backend = await harness.start()
    const session = await signUp(backend, 'ada@example.com')
    const renewed = expectSuccess(await backend.refresh(session.refreshToken))
    expect(renewed.user).toStrictEqual(session.user)
    expect(renewed.refreshToken).not.toBe(session.refreshToken)
    expect(expectSuccess(await backend.me(renewed.accessToken)).user).toStrictEqual(session.user)
    expectSuccess(await backend.refresh(renewed.refreshToken))
  })

  it('revokes the whole family when a used refresh token comes back, but not other sessions', async () => {
    const backend = await harness.start()
    const stolen = await signUp(backend, 'ada@example.com')
    const otherDevice = expectSuccess(
      await backend.login(loginInput({ email: 'ada@example.com' }), CLIENT),
    )
    const renewed = expectSuccess(await backend.refresh(stolen.refreshToken))

    expectFailure(await backend.refresh(stolen.refreshToken), 'invalid_token')
    expectFailure(await backend.refresh(renewed.refreshToken), 'invalid_token')
    expectSuccess(await backend.refresh(otherDevice.refreshToken))
  })

  it('lets exactly one of two simultaneous refreshes with one token succeed, and counts the other as a reuse', async () => {
    const backend = await harness.start()
    const session = await signUp(backend, 'ada@example.com')
    // why: on a cold pool the second request waits for a new connection and loses without a
    // race; with connections open, both reach the database together.
    await Promise.all(Array.from({ length: 4 }, () => backend.me(session.accessToken)))
    const results = await Promise.all([
      backend.refresh(session.refreshToken),
      backend.refresh(session.refreshToken),
    ])
    const winners = results.filter((result) => result.ok)
    const losers = results.filter((result) => !result.ok)
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(1)
    for (const loser of losers) expectFailure(loser, 'invalid_token')
    // why: a second exchange revokes the family, whichever request committed first.
    for (const winner of winners) {
      expectFailure(await backend.refresh(expectSuccess(winner).refreshToken), 'invalid_token')
    }
  })

  it('refuses a refresh token after its lifetime', async () => {
    let now = Date.now()
    const backend = await harness.start({ now: () => now, refreshTokenLifetimeHours: 1 })
    const session = await signUp(backend, 'ada@example.com')
    now += 3_600_000
    expectFailure(await backend.refresh(session.refreshToken), 'invalid_token')
  })

  it('logs out by revoking the refresh token', async () => {
    const backend = await harness.start()
    const session = await signUp(backend, 'ada@example.com')
    expect(await backend.logout(session.refreshToken)).toStrictEqual({ ok: true, value: null })
    expectFailure(await backend.refresh(session.refreshToken), 'invalid_token')
  })

  it('logs out of an unknown token without complaint', async () => {
    const backend = await harness.start()
    expect(await backend.logout('no-such-token')).toStrictEqual({ ok: true, value: null })
  })
})
