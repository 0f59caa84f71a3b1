import { Readable } from 'node:stream'

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import type {
  LoginRequest,
  SessionTokens,
} from '../../components/sandboxes/whole-app/nextauth-credentials-app/backend/contract'
import {
  loginRequestSchema,
  signupRequestSchema,
} from '../../components/sandboxes/whole-app/nextauth-credentials-app/backend/contract'
import type { Backend } from '../../components/sandboxes/whole-app/nextauth-credentials-app/backend/create-backend'
import { createBackend } from '../../components/sandboxes/whole-app/nextauth-credentials-app/backend/create-backend'
import type { Result } from '../../components/sandboxes/whole-app/nextauth-credentials-app/backend/errors'
import type {
  BackendRequest,
  BackendResponse,
} from '../../components/sandboxes/whole-app/nextauth-credentials-app/backend/http'
import { handleBackendRequest } from '../../components/sandboxes/whole-app/nextauth-credentials-app/backend/http'
import {
  MAX_BODY_BYTES,
  readBody,
} from '../../components/sandboxes/whole-app/nextauth-credentials-app/backend/read-body'
import {
  createSessionStore,
  REFRESH_TOKEN_LIFETIME_MS,
  ROTATION_GRACE_MS,
} from '../../components/sandboxes/whole-app/nextauth-credentials-app/backend/sessions'
import { readBackendSettings } from '../../components/sandboxes/whole-app/nextauth-credentials-app/backend/settings'
import { DEMO_ACCOUNTS } from '../../components/sandboxes/whole-app/nextauth-credentials-app/backend/users'

/**
 * The reference app's stand-in backend keeps the whole backend contract (DESIGN.md, "The
 * backend contract"). Real scrypt, real stores; only the clock is the test's.
 */

// why: scrypt at OWASP's parameters takes ~0.3–0.7 s per hash on this shared machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

const ACCESS_TOKEN_LIFETIME_SECONDS = 300
const PASSWORD = 'a long enough passphrase'
const [DEMO_READER, DEMO_EDITOR] = DEMO_ACCOUNTS

let now = Date.parse('2026-11-02T09:00:00Z')
let backend: Backend
let emails = 0

beforeAll(async () => {
  backend = await createBackend({
    accessTokenLifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS,
    now: () => now,
  })
})

afterEach(() => {
  vi.restoreAllMocks()
})

const newEmail = () => `person-${++emails}@example.com`

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}`)
  return result.value
}

const credentials = ({ email, password }: LoginRequest) =>
  loginRequestSchema.parse({ email, password })

const logIn = async (input: LoginRequest = DEMO_READER) =>
  valueOf(await backend.login(credentials(input)))

const signUp = async (email = newEmail(), password = PASSWORD) =>
  valueOf(await backend.signup(signupRequestSchema.parse({ email, password })))

/** One request through the HTTP handler, as the Next.js route hands it over. */
function call(
  route: string,
  {
    method = 'POST',
    body,
    contentType = 'application/json',
    authorization,
  }: {
    method?: string
    body?: unknown
    contentType?: string
    authorization?: string
  } = {},
): Promise<BackendResponse> {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? {})
  const request: BackendRequest = {
    route,
    method,
    contentType,
    authorization,
    readBody: () => readBody(Readable.from([Buffer.from(text)])),
  }
  return handleBackendRequest(async () => backend, request)
}

const INVALID_TOKEN = { ok: false, code: 'invalid_token' }

const errorBody = (code: string) => ({
  error: { code, message: expect.stringMatching(/^[A-Z].*\.$/) },
})

describe('sign-up', () => {
  it('creates a reader and answers 201 with the user and both tokens, never a hash', async () => {
    const email = newEmail()
    const response = await call('signup', { body: { email, password: PASSWORD, name: ' Ada ' } })

    expect(response.status).toBe(201)
    const body = response.body as SessionTokens
    expect(Object.keys(body).sort()).toEqual(
      ['accessToken', 'accessTokenExpires', 'refreshToken', 'user'].sort(),
    )
    expect(body.user).toEqual({ id: expect.any(String), email, name: 'Ada', role: 'reader' })
    expect(body.accessTokenExpires).toBe(now + ACCESS_TOKEN_LIFETIME_SECONDS * 1000)
    expect(Buffer.from(body.refreshToken, 'base64url')).toHaveLength(32)
    expect(JSON.stringify(body)).not.toMatch(/scrypt|passwordHash/)
  })

  it('gives a person who signs up without a name a null name', async () => {
    expect((await signUp()).user.name).toBeNull()
  })

  it('answers a retried sign-up with the same password as a sign-up: 201, the same account', async () => {
    const email = newEmail()
    const first = await call('signup', { body: { email, password: PASSWORD } })
    const retry = await call('signup', { body: { email, password: PASSWORD, name: 'Other' } })

    expect(retry.status).toBe(201)
    const [a, b] = [first.body as SessionTokens, retry.body as SessionTokens]
    expect(b.user).toEqual(a.user)
    expect(b.refreshToken).not.toBe(a.refreshToken)
  })

  it('refuses a taken email with another password: 409 email_taken', async () => {
    const email = newEmail()
    await signUp(email)
    const response = await call('signup', { body: { email, password: 'another passphrase' } })

    expect(response.status).toBe(409)
    expect(response.body).toEqual(errorBody('email_taken'))
  })

  it('lets only one of two simultaneous sign-ups with one email create the account', async () => {
    const email = newEmail()
    const [same1, same2] = await Promise.all([signUp(email), signUp(email)])
    expect(same2.user.id).toBe(same1.user.id)

    const other = newEmail()
    const results = await Promise.all([
      backend.signup(signupRequestSchema.parse({ email: other, password: PASSWORD })),
      backend.signup(
        signupRequestSchema.parse({ email: other, password: 'a different passphrase' }),
      ),
    ])
    expect(results.map((result) => (result.ok ? 'ok' : result.code)).sort()).toEqual([
      'email_taken',
      'ok',
    ])
  })

  it('stores emails NFKC-normalised, trimmed and lower-cased, and compares passwords after NFKC', async () => {
    const { user } = await signUp(' ＭＩＸＥＤ.Case@Example.COM ', 'ｆｕｌｌｗｉｄｔｈ pass')

    expect(user.email).toBe('mixed.case@example.com')
    expect(
      (await logIn({ email: 'mixed.case@example.com', password: 'fullwidth pass' })).user.id,
    ).toBe(user.id)
  })

  it('accepts sign-up passwords of 8 to 256 characters, counted as a person counts them', async () => {
    const attempt = (password: string) =>
      signupRequestSchema.safeParse({ email: newEmail(), password }).success

    expect(attempt('x'.repeat(7))).toBe(false)
    expect(attempt('x'.repeat(8))).toBe(true)
    expect(attempt('😀'.repeat(256))).toBe(true)
    expect(attempt('x'.repeat(257))).toBe(false)
    const short = await call('signup', { body: { email: newEmail(), password: '1234567' } })
    expect(short.status).toBe(400)
    expect(short.body).toEqual(errorBody('invalid_input'))
  })
})

describe('log-in', () => {
  it('signs in the demo reader and the demo editor with their roles', async () => {
    const reader = await logIn(DEMO_READER)
    const editor = await logIn(DEMO_EDITOR)

    expect(reader.user).toEqual({
      id: expect.any(String),
      email: 'demo@example.com',
      name: 'Demo Reader',
      role: 'reader',
    })
    expect(editor.user).toEqual({
      id: expect.any(String),
      email: 'editor@example.com',
      name: 'Demo Editor',
      role: 'editor',
    })
  })

  it('answers an unknown email and a wrong password with byte-identical 401s', async () => {
    const wrongPassword = await call('login', {
      body: { email: DEMO_READER.email, password: 'not the demo password' },
    })
    const unknownEmail = await call('login', {
      body: { email: 'nobody@example.com', password: DEMO_READER.password },
    })

    expect(wrongPassword.status).toBe(401)
    expect(wrongPassword.body).toEqual(errorBody('invalid_credentials'))
    expect(JSON.stringify(unknownEmail)).toBe(JSON.stringify(wrongPassword))
  })

  it('spends as long on an unknown email as on a wrong password (one scrypt run each)', async () => {
    const time = async (input: LoginRequest) => {
      const start = performance.now()
      await backend.login(input)
      return performance.now() - start
    }
    const unknown: number[] = []
    const wrong: number[] = []
    for (let round = 0; round < 2; round++) {
      unknown.push(await time({ email: 'nobody@example.com', password: 'some password' }))
      wrong.push(await time({ email: DEMO_READER.email, password: 'some password' }))
    }
    // why: the machine is shared, so only a gross difference counts: without the dummy hash,
    // an unknown email takes well under a millisecond against hundreds for a wrong password.
    const ratio = Math.min(...unknown) / Math.min(...wrong)
    expect(ratio).toBeGreaterThan(0.5)
    expect(ratio).toBeLessThan(2)
  })
})

describe('refresh, me and logout, over HTTP', () => {
  it('rotates: a new pair, and the new refresh token works in its turn', async () => {
    const session = await logIn()
    const first = await call('refresh', { body: { refreshToken: session.refreshToken } })
    expect(first.status).toBe(200)
    const rotated = first.body as SessionTokens
    const second = valueOf(await backend.refresh(rotated.refreshToken))

    expect(rotated.user).toEqual(session.user)
    expect(rotated.refreshToken).not.toBe(session.refreshToken)
    expect(rotated.accessToken).not.toBe(session.accessToken)
    expect(second.refreshToken).not.toBe(rotated.refreshToken)
  })

  it('gives ten parallel refreshes with one token the same successor, each a fresh access token', async () => {
    const session = await logIn()
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('refresh', { body: { refreshToken: session.refreshToken } }),
      ),
    )

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200))
    const bodies = responses.map((response) => response.body as SessionTokens)
    expect(new Set(bodies.map((body) => body.refreshToken)).size).toBe(1)
    expect(new Set(bodies.map((body) => body.accessToken)).size).toBe(10)
    expect((await backend.refresh(bodies[0]?.refreshToken ?? '')).ok).toBe(true)
  })

  it('treats a rotated token presented after the grace window as reuse and revokes its family', async () => {
    const session = await logIn()
    const rotated = valueOf(await backend.refresh(session.refreshToken))
    now += ROTATION_GRACE_MS

    const reuse = await call('refresh', { body: { refreshToken: session.refreshToken } })
    expect(reuse.status).toBe(401)
    expect(reuse.body).toEqual(errorBody('invalid_token'))
    expect(await backend.refresh(rotated.refreshToken)).toEqual(INVALID_TOKEN)
    expect(await backend.me(rotated.accessToken)).toEqual(INVALID_TOKEN)
  })

  it('answers /me with the user of a live access token, and 401 once it has expired', async () => {
    const session = await logIn(DEMO_EDITOR)
    const me = await call('me', { method: 'GET', authorization: `Bearer ${session.accessToken}` })
    expect(me).toMatchObject({ status: 200, body: { user: session.user } })
    expect(Object.keys(me.body as object)).toEqual(['user'])

    now = session.accessTokenExpires
    const expired = await call('me', {
      method: 'GET',
      authorization: `bearer ${session.accessToken}`,
    })
    expect(expired.status).toBe(401)
    expect(expired.body).toEqual(errorBody('invalid_token'))
  })

  it('refuses /me without a well-formed, known bearer token: 401 invalid_token', async () => {
    for (const authorization of [undefined, 'Basic abc', 'Bearer', 'Bearer not-a-token']) {
      const response = await call('me', { method: 'GET', authorization })
      expect(response.status).toBe(401)
      expect(response.body).toEqual(errorBody('invalid_token'))
    }
  })

  it('answers logout with 204 and revokes the whole family: successors and their access tokens', async () => {
    const session = await logIn()
    const first = valueOf(await backend.refresh(session.refreshToken))
    const latest = valueOf(await backend.refresh(first.refreshToken))

    const response = await call('logout', { body: { refreshToken: session.refreshToken } })
    expect(response).toEqual({
      status: 204,
      headers: { 'cache-control': 'no-store' },
      body: undefined,
    })
    expect(await backend.refresh(latest.refreshToken)).toEqual(INVALID_TOKEN)
    expect(await backend.me(latest.accessToken)).toEqual(INVALID_TOKEN)
  })

  it('answers logout with an unknown token with 204 all the same', async () => {
    expect((await call('logout', { body: { refreshToken: 'unknown-token' } })).status).toBe(204)
  })
})

describe('the session store behind refresh, me and logout', () => {
  const USER = 'user-1'
  const ACCESS_TOKEN_LIFETIME_MS = 300_000
  const store = () =>
    createSessionStore({ accessTokenLifetimeMs: ACCESS_TOKEN_LIFETIME_MS, now: () => now })

  it('gives a rotated token presented again just inside the grace window the same successor', () => {
    const sessions = store()
    const session = sessions.start(USER)
    const rotated = sessions.rotate(session.refreshToken)
    now += ROTATION_GRACE_MS - 1

    const again = sessions.rotate(session.refreshToken)
    expect(again?.refreshToken).toBe(rotated?.refreshToken)
    expect(again?.accessToken).not.toBe(rotated?.accessToken)
    expect(sessions.userOfAccessToken(again?.accessToken ?? '')).toBe(USER)
  })

  it('treats a rotated token presented again after its successor was used as reuse, even within the window', () => {
    const sessions = store()
    const session = sessions.start(USER)
    const rotated = sessions.rotate(session.refreshToken)
    const next = sessions.rotate(rotated?.refreshToken ?? '')

    expect(sessions.rotate(session.refreshToken)).toBeNull()
    expect(sessions.rotate(next?.refreshToken ?? '')).toBeNull()
    expect(sessions.userOfAccessToken(next?.accessToken ?? '')).toBeNull()
  })

  it('refuses an unknown refresh token, and one 30 days old, but not one a moment younger', () => {
    const sessions = store()
    const older = sessions.start(USER)
    now += 1
    const younger = sessions.start(USER)
    const olderExpires =
      older.accessTokenExpires - ACCESS_TOKEN_LIFETIME_MS + REFRESH_TOKEN_LIFETIME_MS
    // why: the store sweeps out dead tokens at most once a minute; one sweep runs here, so
    // that the refusal below comes from the expiry check itself.
    now = olderExpires - 30_000
    expect(sessions.rotate('not-a-token')).toBeNull()
    now = olderExpires

    expect(sessions.rotate(older.refreshToken)).toBeNull()
    expect(sessions.rotate(younger.refreshToken)?.userId).toBe(USER)
  })

  it('hands out access and refresh tokens of 256 random bits', () => {
    const session = store().start(USER)
    for (const token of [session.accessToken, session.refreshToken]) {
      expect(token).toMatch(/^[\w-]{43}$/)
      expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    }
  })

  it('ends an access token at its lifetime', () => {
    const sessions = store()
    const session = sessions.start(USER)
    expect(session.accessTokenExpires).toBe(now + ACCESS_TOKEN_LIFETIME_MS)
    now = session.accessTokenExpires - 1
    expect(sessions.userOfAccessToken(session.accessToken)).toBe(USER)
    now += 1
    expect(sessions.userOfAccessToken(session.accessToken)).toBeNull()
  })

  it('makes logout idempotent and leaves the person’s other sessions alone', () => {
    const sessions = store()
    const phone = sessions.start(USER)
    const laptop = sessions.start(USER)
    sessions.revokeFamilyOf(phone.refreshToken)
    sessions.revokeFamilyOf(phone.refreshToken)
    sessions.revokeFamilyOf('unknown-token')

    expect(sessions.rotate(phone.refreshToken)).toBeNull()
    expect(sessions.userOfAccessToken(laptop.accessToken)).toBe(USER)
    expect(sessions.rotate(laptop.refreshToken)?.userId).toBe(USER)
  })

  it('forgets dead tokens in its sweep without ending live sessions', () => {
    const sessions = store()
    const session = sessions.start(USER)
    const rotated = sessions.rotate(session.refreshToken)
    const revoked = sessions.start(USER)
    sessions.revokeFamilyOf(revoked.refreshToken)
    now += 2 * ACCESS_TOKEN_LIFETIME_MS

    expect(sessions.rotate(rotated?.refreshToken ?? '')?.userId).toBe(USER)
    expect(sessions.rotate(revoked.refreshToken)).toBeNull()
    expect(sessions.rotate(session.refreshToken)).toBeNull()
  })
})

describe('HTTP', () => {
  it('answers other methods with 405 and Allow', async () => {
    const getLogin = await call('login', { method: 'GET' })
    expect(getLogin.status).toBe(405)
    expect(getLogin.headers.allow).toBe('POST')
    expect(getLogin.body).toEqual(errorBody('method_not_allowed'))
    expect((await call('me', { method: 'POST' })).headers.allow).toBe('GET')
  })

  it('answers an unknown route with 404 not_found', async () => {
    for (const route of ['users', 'constructor', '__proto__']) {
      const response = await call(route)
      expect(response.status).toBe(404)
      expect(response.body).toEqual(errorBody('not_found'))
    }
  })

  it('answers bad JSON, another content type and extra keys with 400 invalid_input', async () => {
    const login = { email: DEMO_READER.email, password: DEMO_READER.password }
    const responses = [
      await call('login', { body: '{"email": ' }),
      await call('login', { body: login, contentType: 'text/plain' }),
      await call('login', { body: { ...login, role: 'editor' } }),
      await call('signup', { body: { email: 'not an email', password: PASSWORD } }),
      await call('refresh', { body: {} }),
    ]
    for (const response of responses) {
      expect(response.status).toBe(400)
      expect(response.body).toEqual(errorBody('invalid_input'))
    }
    expect(new Set(responses.map((response) => JSON.stringify(response.body))).size).toBe(1)
  })

  it('answers a body over 16 kB with 413 without reading the rest', async () => {
    const chunk = Buffer.alloc(4096, 'a')
    let chunksRead = 0
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < 100; i++) {
          chunksRead++
          yield chunk
        }
      })(),
    )
    expect(await readBody(stream)).toBe('too_large')
    expect(chunksRead).toBeLessThan(10)

    const response = await call('login', { body: 'x'.repeat(MAX_BODY_BYTES + 1) })
    expect(response.status).toBe(413)
    expect(response.body).toEqual(errorBody('payload_too_large'))
  })

  it('reads a body of exactly 16 kB, multi-byte characters split across chunks included', async () => {
    const euro = Buffer.from('€')
    const parts = [euro.subarray(0, 1), euro.subarray(1), Buffer.alloc(MAX_BODY_BYTES - 3, 'b')]
    expect(await readBody(Readable.from(parts))).toBe(`€${'b'.repeat(MAX_BODY_BYTES - 3)}`)
  })

  it('answers an unexpected error with 503 unavailable and Retry-After, never its message', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = await handleBackendRequest(
      async () => {
        throw new Error('secret detail at /srv/app.ts:12')
      },
      {
        route: 'login',
        method: 'POST',
        contentType: 'application/json',
        authorization: undefined,
        readBody: async () => '{}',
      },
    )

    expect(response.status).toBe(503)
    expect(response.headers['retry-after']).toBe('5')
    expect(response.body).toEqual(errorBody('unavailable'))
    expect(JSON.stringify(response)).not.toContain('secret detail')
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('secret detail'))
  })
})

describe('settings', () => {
  it('reads ACCESS_TOKEN_LIFETIME_SECONDS: 300 by default, 10 to 3600 accepted', () => {
    expect(readBackendSettings({})).toEqual({ accessTokenLifetimeSeconds: 300 })
    expect(readBackendSettings({ ACCESS_TOKEN_LIFETIME_SECONDS: ' ' })).toEqual({
      accessTokenLifetimeSeconds: 300,
    })
    expect(readBackendSettings({ ACCESS_TOKEN_LIFETIME_SECONDS: '10' })).toEqual({
      accessTokenLifetimeSeconds: 10,
    })
    expect(readBackendSettings({ ACCESS_TOKEN_LIFETIME_SECONDS: '3600' })).toEqual({
      accessTokenLifetimeSeconds: 3600,
    })
  })

  it('refuses any other ACCESS_TOKEN_LIFETIME_SECONDS with a message naming it', () => {
    for (const value of ['9', '3601', '60.5', 'five minutes']) {
      expect(() => readBackendSettings({ ACCESS_TOKEN_LIFETIME_SECONDS: value })).toThrow(
        /^ACCESS_TOKEN_LIFETIME_SECONDS is ".*": set it to a whole number of seconds from 10 to 3600/,
      )
    }
  })
})

describe('the app’s instance', () => {
  it('reads its settings and survives a reload of its module, as `next dev` does', async () => {
    vi.stubEnv('ACCESS_TOKEN_LIFETIME_SECONDS', '10')
    const load = () =>
      import('../../components/sandboxes/whole-app/nextauth-credentials-app/backend/instance')
    const first = await (await load()).getBackend()
    const email = newEmail()
    const before = Date.now()
    const { user, accessTokenExpires } = valueOf(
      await first.signup(signupRequestSchema.parse({ email, password: PASSWORD })),
    )
    expect(accessTokenExpires - before).toBeGreaterThanOrEqual(10_000)
    expect(accessTokenExpires - Date.now()).toBeLessThanOrEqual(10_000)
    vi.resetModules()
    const second = await (await load()).getBackend()

    expect(second).toBe(first)
    expect(valueOf(await second.login({ email, password: PASSWORD })).user).toEqual(user)
    vi.unstubAllEnvs()
  })
})
