import { describe, expect, it } from 'vitest'

import { REFRESH_GRACE_MS } from '@/demo-backend/core/refresh'
import { createAccessTokens, createSuccessorDerivation } from '@/demo-backend/core/tokens'
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

  it('revokes the whole family when a used refresh token comes back after the grace window, but not other sessions', async () => {
    let now = Date.now()
    const backend = await harness.start({ now: () => now })
    const stolen = await signUp(backend, 'ada@example.com')
    const otherDevice = expectSuccess(
      await backend.login(loginInput({ email: 'ada@example.com' }), CLIENT),
    )
    const renewed = expectSuccess(await backend.refresh(stolen.refreshToken))

    now += REFRESH_GRACE_MS
    expectFailure(await backend.refresh(stolen.refreshToken), 'invalid_token')
    expectFailure(await backend.refresh(renewed.refreshToken), 'invalid_token')
    expectSuccess(await backend.refresh(otherDevice.refreshToken))
  })

  it('answers a token presented again within the grace window with the same new refresh token and a fresh access token', async () => {
    expect(REFRESH_GRACE_MS).toBe(10_000)
    let now = Date.now()
    const backend = await harness.start({ now: () => now })
    const session = await signUp(backend, 'ada@example.com')
    const renewed = expectSuccess(await backend.refresh(session.refreshToken))

    now += REFRESH_GRACE_MS - 1
    const repeated = expectSuccess(await backend.refresh(session.refreshToken))
    expect(repeated.refreshToken).toBe(renewed.refreshToken)
    expect(repeated.user).toStrictEqual(session.user)
    expect(repeated.accessTokenExpires).toBe(now + ACCESS_TOKEN_LIFETIME_SECONDS * 1000)
    expect(expectSuccess(await backend.me(repeated.accessToken)).user).toStrictEqual(session.user)

    // The family lives on: the new refresh token rotates as any other.
    const next = expectSuccess(await backend.refresh(repeated.refreshToken))
    expect(next.refreshToken).not.toBe(repeated.refreshToken)
    expectSuccess(await backend.refresh(next.refreshToken))
  })

  it('treats a token presented again within the grace window, after its successor was used, as a reuse', async () => {
    let now = Date.now()
    const backend = await harness.start({ now: () => now })
    const session = await signUp(backend, 'ada@example.com')
    const renewed = expectSuccess(await backend.refresh(session.refreshToken))
    const next = expectSuccess(await backend.refresh(renewed.refreshToken))

    now += 1_000
    expectFailure(await backend.refresh(session.refreshToken), 'invalid_token')
    expectFailure(await backend.refresh(next.refreshToken), 'invalid_token')
  })

  it('answers 10 simultaneous refreshes of one token with one and the same new refresh token, and the family stays valid', async () => {
    const backend = await harness.start()
    const session = await signUp(backend, 'ada@example.com')
    // why: on a cold pool later requests wait for new connections and arrive one by one;
    // with connections open, they reach the database together.
    await Promise.all(Array.from({ length: 10 }, () => backend.me(session.accessToken)))
    const results = await Promise.all(
      Array.from({ length: 10 }, () => backend.refresh(session.refreshToken)),
    )
    const sessions = results.map(expectSuccess)
    const refreshTokens = new Set(sessions.map((renewed) => renewed.refreshToken))
    expect(refreshTokens.size).toBe(1)
    const [successor] = [...refreshTokens]
    expect(successor).not.toBe(session.refreshToken)
    for (const renewed of sessions) expectSuccess(await backend.me(renewed.accessToken))

    expectSuccess(await backend.refresh(successor ?? ''))
  })

  it('refuses a refresh token after its lifetime', async () => {
    let now = Date.now()
    const backend = await harness.start({ now: () => now, refreshTokenLifetimeHours: 1 })
    const session = await signUp(backend, 'ada@example.com')
    now += 3_600_000
    expectFailure(await backend.refresh(session.refreshToken), 'invalid_token')
  })

  it('logs out of every token of the family, its successors included, and the grace window brings none back', async () => {
    const backend = await harness.start()
    const session = await signUp(backend, 'ada@example.com')
    const renewed = expectSuccess(await backend.refresh(session.refreshToken))
    expect(await backend.logout(session.refreshToken)).toStrictEqual({ ok: true, value: null })
    expectFailure(await backend.refresh(renewed.refreshToken), 'invalid_token')
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

describe('createSuccessorDerivation', () => {
  const TOKEN = 'A'.repeat(43)

  it('names the same successor for the same token and key, and another one for another key', () => {
    const successorOf = createSuccessorDerivation('key-one-that-is-long-enough-0123456789')
    const elsewhere = createSuccessorDerivation('key-two-that-is-long-enough-0123456789')
    expect(successorOf(TOKEN)).toBe(successorOf(TOKEN))
    expect(successorOf(TOKEN)).toMatch(/^[\w-]{43}$/)
    expect(successorOf(TOKEN)).not.toBe(successorOf(`${TOKEN.slice(1)}B`))
    expect(elsewhere(TOKEN)).not.toBe(successorOf(TOKEN))
  })
})
