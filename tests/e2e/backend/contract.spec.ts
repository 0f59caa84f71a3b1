import { expect, test } from '@playwright/test'

import { REFRESH_GRACE_MS } from '../../../demo-backend/core/refresh'
import { DEMO_ACCOUNT, DEMO_EDITOR_ACCOUNT } from '../../../demo-backend/demo-account'
import {
  callBackend,
  expectError,
  expectSession,
  newClientIp,
  newEmail,
  newPassword,
  signUp,
} from '../../support/backend-api'

// The rows of the backend contract (shared/DESIGN.md, "The backend contract"), one by one,
// against the production build that playwright.config.ts starts.

test.describe('POST /signup', () => {
  test('creates an account and answers 201 with a session whose user is exactly id, email, name and the role reader', async ({
    request,
  }) => {
    const email = newEmail('signup')
    const response = await callBackend(request, 'signup', {
      ip: newClientIp(),
      json: { email, password: newPassword(), name: 'Ada Lovelace' },
    })
    const session = await expectSession(response, 201, { email, name: 'Ada Lovelace' })

    const me = await callBackend(request, 'me', { ip: newClientIp(), bearer: session.accessToken })
    expect(me.status()).toBe(200)
    expect(await me.json()).toStrictEqual({ user: session.user })
  })

  test('gives a user without a name the name null', async ({ request }) => {
    const email = newEmail('nameless')
    const response = await callBackend(request, 'signup', {
      ip: newClientIp(),
      json: { email, password: newPassword() },
    })
    await expectSession(response, 201, { email, name: null })
  })

  test('stores the email trimmed and lower-cased, and logs in with any spelling of it', async ({
    request,
  }) => {
    const email = newEmail('spelling')
    const password = newPassword()
    const response = await callBackend(request, 'signup', {
      ip: newClientIp(),
      json: { email: `  ${email.toUpperCase()} `, password },
    })
    await expectSession(response, 201, { email, name: null })

    const login = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email: email.replace('example', 'EXAMPLE'), password },
    })
    await expectSession(login, 200, { email, name: null })
  })

  test('answers a sign-up sent again with the same password 201 as the same reader, with a new session', async ({
    request,
  }) => {
    const account = await signUp(request, { name: 'Retrying Reader' })
    // why: a client whose first answer was lost sends the same body again.
    const again = await callBackend(request, 'signup', {
      ip: newClientIp(),
      json: { email: account.email, password: account.password, name: 'Retrying Reader' },
    })
    const session = await expectSession(again, 201, {
      email: account.email,
      name: 'Retrying Reader',
    })
    expect(session.user).toStrictEqual(account.user)
    expect(session.refreshToken).not.toBe(account.refreshToken)
  })

  test('answers 409 email_taken for an email that already has an account, with another password, in any case', async ({
    request,
  }) => {
    const { email } = await signUp(request)
    const again = await callBackend(request, 'signup', {
      ip: newClientIp(),
      json: { email: email.toUpperCase(), password: newPassword() },
    })
    await expectError(again, 409, 'email_taken')
  })

  test('answers 400 invalid_input naming the password for a password shorter than 15 characters', async ({
    request,
  }) => {
    const response = await callBackend(request, 'signup', {
      ip: newClientIp(),
      json: { email: newEmail(), password: 'fourteen chars' },
    })
    await expectError(response, 400, 'invalid_input', 'password')
  })

  test('answers 400 invalid_input naming the password for a commonly used password, however long', async ({
    request,
  }) => {
    const response = await callBackend(request, 'signup', {
      ip: newClientIp(),
      json: { email: newEmail(), password: 'PasswordPassword' },
    })
    await expectError(response, 400, 'invalid_input', 'password')
  })

  test('accepts a password of exactly 256 characters and logs in with it', async ({ request }) => {
    const password = 'p'.repeat(200) + newPassword().slice(0, 56).padEnd(56, 'x')
    expect(password).toHaveLength(256)
    const { email } = await signUp(request, { password })
    const login = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email, password },
    })
    await expectSession(login, 200, { email, name: null })
  })
})

test.describe('POST /login', () => {
  test('answers 200 with a session for the same user that signed up', async ({ request }) => {
    const account = await signUp(request, { name: 'Grace Hopper' })
    const response = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email: account.email, password: account.password },
    })
    const session = await expectSession(response, 200, {
      email: account.email,
      name: 'Grace Hopper',
    })
    expect(session.user.id).toBe(account.user.id)
    expect(session.refreshToken).not.toBe(account.refreshToken)
  })

  test('lets the demo account in with its published password', async ({ request }) => {
    const response = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
    })
    await expectSession(response, 200, { email: DEMO_ACCOUNT.email, name: DEMO_ACCOUNT.name })
  })

  test('lets the demo editor in with its published password, as an editor', async ({ request }) => {
    const response = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email: DEMO_EDITOR_ACCOUNT.email, password: DEMO_EDITOR_ACCOUNT.password },
    })
    const session = await expectSession(response, 200, {
      email: DEMO_EDITOR_ACCOUNT.email,
      name: DEMO_EDITOR_ACCOUNT.name,
      role: 'editor',
    })
    const me = await callBackend(request, 'me', { ip: newClientIp(), bearer: session.accessToken })
    expect(await me.json()).toStrictEqual({ user: session.user })
  })

  test('answers 401 invalid_credentials for a wrong password', async ({ request }) => {
    const { email, password } = await signUp(request)
    const response = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email, password: `${password}!` },
    })
    await expectError(response, 401, 'invalid_credentials')
  })

  test('answers 401 invalid_credentials for an email that has no account', async ({ request }) => {
    const response = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email: newEmail('nobody'), password: newPassword() },
    })
    await expectError(response, 401, 'invalid_credentials')
  })

  test('answers 400 invalid_input naming the email for an email that is not an email', async ({
    request,
  }) => {
    const response = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email: 'demo-at-example.com', password: DEMO_ACCOUNT.password },
    })
    await expectError(response, 400, 'invalid_input', 'email')
  })
})

test.describe('POST /refresh', () => {
  test('exchanges a refresh token for a new pair whose access token works', async ({ request }) => {
    const account = await signUp(request, { name: 'Refresher' })
    const response = await callBackend(request, 'refresh', {
      ip: newClientIp(),
      json: { refreshToken: account.refreshToken },
    })
    const renewed = await expectSession(response, 200, {
      email: account.email,
      name: 'Refresher',
    })
    expect(renewed.user).toStrictEqual(account.user)
    expect(renewed.refreshToken).not.toBe(account.refreshToken)
    // why: no assertion that the access token differs: two issued in the same second for one
    // user are the same JWT, and that is fine.
    expect(renewed.accessTokenExpires).toBeGreaterThanOrEqual(account.accessTokenExpires)

    const me = await callBackend(request, 'me', { ip: newClientIp(), bearer: renewed.accessToken })
    expect(me.status()).toBe(200)
    expect(await me.json()).toStrictEqual({ user: account.user })
  })

  test('answers a refresh token presented again within the grace window with the same new refresh token', async ({
    request,
  }) => {
    const account = await signUp(request)
    const refreshWith = (refreshToken: string) =>
      callBackend(request, 'refresh', { ip: newClientIp(), json: { refreshToken } })
    const first = await expectSession(await refreshWith(account.refreshToken), 200, {
      email: account.email,
      name: null,
    })
    // why: the client that lost the first answer, or a second tab, sends the same token.
    const again = await expectSession(await refreshWith(account.refreshToken), 200, {
      email: account.email,
      name: null,
    })
    expect(again.refreshToken).toBe(first.refreshToken)
    const me = await callBackend(request, 'me', { ip: newClientIp(), bearer: again.accessToken })
    expect(await me.json()).toStrictEqual({ user: account.user })
    await expectSession(await refreshWith(again.refreshToken), 200, {
      email: account.email,
      name: null,
    })
  })

  test('answers 401 invalid_token to a refresh token whose successor was used, and revokes its whole family', async ({
    request,
  }) => {
    const account = await signUp(request)
    const other = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email: account.email, password: account.password },
    })
    const otherSession = await expectSession(other, 200, { email: account.email, name: null })
    const refreshWith = (refreshToken: string) =>
      callBackend(request, 'refresh', { ip: newClientIp(), json: { refreshToken } })

    const renewed = await expectSession(await refreshWith(account.refreshToken), 200, {
      email: account.email,
      name: null,
    })
    const newest = await expectSession(await refreshWith(renewed.refreshToken), 200, {
      email: account.email,
      name: null,
    })
    await expectError(await refreshWith(account.refreshToken), 401, 'invalid_token')
    await expectError(await refreshWith(newest.refreshToken), 401, 'invalid_token')

    // The session of the other log-in is another family and lives on.
    await expectSession(await refreshWith(otherSession.refreshToken), 200, {
      email: account.email,
      name: null,
    })
  })

  test('answers 401 invalid_token to a refresh token presented again after the grace window, and revokes its whole family', async ({
    request,
  }) => {
    test.setTimeout(30_000 + REFRESH_GRACE_MS)
    const account = await signUp(request)
    const refreshWith = (refreshToken: string) =>
      callBackend(request, 'refresh', { ip: newClientIp(), json: { refreshToken } })
    const renewed = await expectSession(await refreshWith(account.refreshToken), 200, {
      email: account.email,
      name: null,
    })
    await new Promise((resolve) => setTimeout(resolve, REFRESH_GRACE_MS + 500))

    await expectError(await refreshWith(account.refreshToken), 401, 'invalid_token')
    await expectError(await refreshWith(renewed.refreshToken), 401, 'invalid_token')
  })

  test('answers 401 invalid_token to a refresh token it never issued', async ({ request }) => {
    const response = await callBackend(request, 'refresh', {
      ip: newClientIp(),
      json: { refreshToken: 'x'.repeat(43) },
    })
    await expectError(response, 401, 'invalid_token')
  })

  test('answers 401 invalid_token to an access token sent as a refresh token', async ({
    request,
  }) => {
    const { accessToken } = await signUp(request)
    const response = await callBackend(request, 'refresh', {
      ip: newClientIp(),
      json: { refreshToken: accessToken },
    })
    await expectError(response, 401, 'invalid_token')
  })
})

test.describe('GET /me', () => {
  test('answers 200 with exactly {user}, its role included, never a hash, for a valid access token', async ({
    request,
  }) => {
    const account = await signUp(request, { name: 'Me Myself' })
    const response = await callBackend(request, 'me', {
      ip: newClientIp(),
      bearer: account.accessToken,
    })
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('application/json; charset=utf-8')
    expect(response.headers()['cache-control']).toBe('no-store')
    const text = await response.text()
    expect(JSON.parse(text)).toStrictEqual({
      user: { id: account.user.id, email: account.email, name: 'Me Myself', role: 'reader' },
    })
    expect(text).not.toMatch(/password|hash|\$argon2/i)
  })
})

test.describe('POST /logout', () => {
  test('answers 204 with no body, after which the refresh token is refused', async ({
    request,
  }) => {
    const account = await signUp(request)
    const response = await callBackend(request, 'logout', {
      ip: newClientIp(),
      json: { refreshToken: account.refreshToken },
    })
    expect(response.status()).toBe(204)
    expect(await response.body()).toHaveLength(0)
    expect(response.headers()['cache-control']).toBe('no-store')

    const refresh = await callBackend(request, 'refresh', {
      ip: newClientIp(),
      json: { refreshToken: account.refreshToken },
    })
    await expectError(refresh, 401, 'invalid_token')
  })

  test('ends every token of the session, including ones issued by a refresh', async ({
    request,
  }) => {
    const account = await signUp(request)
    const first = await callBackend(request, 'refresh', {
      ip: newClientIp(),
      json: { refreshToken: account.refreshToken },
    })
    const renewed = await expectSession(first, 200, { email: account.email, name: null })

    const logout = await callBackend(request, 'logout', {
      ip: newClientIp(),
      json: { refreshToken: account.refreshToken },
    })
    expect(logout.status()).toBe(204)

    const refresh = await callBackend(request, 'refresh', {
      ip: newClientIp(),
      json: { refreshToken: renewed.refreshToken },
    })
    await expectError(refresh, 401, 'invalid_token')
  })

  test('answers 204 to a token it does not know and to a second logout: it is idempotent', async ({
    request,
  }) => {
    const unknown = await callBackend(request, 'logout', {
      ip: newClientIp(),
      json: { refreshToken: 'never-issued-token' },
    })
    expect(unknown.status()).toBe(204)

    const { refreshToken } = await signUp(request)
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await callBackend(request, 'logout', {
        ip: newClientIp(),
        json: { refreshToken },
      })
      expect(response.status()).toBe(204)
    }
  })
})
