import { randomUUID } from 'node:crypto'

import type { APIRequestContext } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { SignJWT } from 'jose'

import { callBackend, expectError, newClientIp, signUp } from '../../support/backend-api'

// why: playwright.config.ts hands the test server's backend secret to the workers, so these
// tests can sign tokens exactly as the backend does and change one thing at a time.
const SECRET = process.env.E2E_BACKEND_JWT_SECRET ?? ''
const ISSUER = 'handbook-demo-backend'

type Claims = { sub: string; iss?: string; exp?: number; alg?: string }

async function signToken(claims: Claims, secret = SECRET): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({})
    .setProtectedHeader({ alg: claims.alg ?? 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(claims.iss ?? ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(claims.exp ?? now + 60)
    .sign(new TextEncoder().encode(secret))
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

async function meWithAuthorization(request: APIRequestContext, authorization?: string) {
  return callBackend(request, 'me', {
    ip: newClientIp(),
    headers: authorization === undefined ? {} : { authorization },
  })
}

test.beforeAll(() => {
  expect(SECRET, 'E2E_BACKEND_JWT_SECRET comes from playwright.config.ts').toHaveLength(43)
})

test('a token signed like the backend signs them is accepted, so the refusals below are about one change each', async ({
  request,
}) => {
  const account = await signUp(request)
  const response = await meWithAuthorization(
    request,
    `Bearer ${await signToken({ sub: account.user.id })}`,
  )
  expect(response.status()).toBe(200)
  expect(await response.json()).toStrictEqual({ user: account.user })
})

test('GET /me without an Authorization header answers 401 invalid_token', async ({ request }) => {
  await expectError(await meWithAuthorization(request), 401, 'invalid_token')
})

test.describe('GET /me answers 401 invalid_token to a malformed Authorization header', () => {
  const malformed: Record<string, (token: string) => string> = {
    'an empty header': () => '',
    'the scheme alone': () => 'Bearer',
    'the scheme and a space': () => 'Bearer ',
    'two spaces after the scheme': (token) => `Bearer  ${token}`,
    'a second word after the token': (token) => `Bearer ${token} extra`,
    'another scheme': (token) => `Basic ${token}`,
    'no scheme': (token) => token,
    'a token of 5000 characters': () => `Bearer ${'a'.repeat(5000)}`,
    'something that is not a JWT': () => 'Bearer not.a.jwt',
  }
  for (const [name, header] of Object.entries(malformed)) {
    test(`with ${name}`, async ({ request }) => {
      const { accessToken } = await signUp(request)
      await expectError(
        await meWithAuthorization(request, header(accessToken)),
        401,
        'invalid_token',
      )
    })
  }
})

test.describe('GET /me answers 401 invalid_token to a token that was tampered with or forged', () => {
  test('with its payload swapped for another user and the signature kept', async ({ request }) => {
    const victim = await signUp(request)
    const attacker = await signUp(request)
    const [header, , signature] = attacker.accessToken.split('.')
    const payload = base64url({
      sub: victim.user.id,
      iss: ISSUER,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 60,
    })
    const forged = `${header}.${payload}.${signature}`
    await expectError(await meWithAuthorization(request, `Bearer ${forged}`), 401, 'invalid_token')
  })

  test('with one character of its signature changed', async ({ request }) => {
    const { accessToken } = await signUp(request)
    const [header, payload, signature = ''] = accessToken.split('.')
    const changed = (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1)
    await expectError(
      await meWithAuthorization(request, `Bearer ${header}.${payload}.${changed}`),
      401,
      'invalid_token',
    )
  })

  test('with the algorithm "none" and no signature', async ({ request }) => {
    const account = await signUp(request)
    const now = Math.floor(Date.now() / 1000)
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
      sub: account.user.id,
      iss: ISSUER,
      iat: now,
      exp: now + 60,
    })}.`
    await expectError(
      await meWithAuthorization(request, `Bearer ${unsigned}`),
      401,
      'invalid_token',
    )
  })

  test('signed with another secret', async ({ request }) => {
    const account = await signUp(request)
    const token = await signToken({ sub: account.user.id }, `${SECRET.slice(1)}x`)
    await expectError(await meWithAuthorization(request, `Bearer ${token}`), 401, 'invalid_token')
  })

  test('signed with the right secret but another algorithm', async ({ request }) => {
    const account = await signUp(request)
    const token = await signToken({ sub: account.user.id, alg: 'HS512' })
    await expectError(await meWithAuthorization(request, `Bearer ${token}`), 401, 'invalid_token')
  })

  test('signed with the right secret but expired', async ({ request }) => {
    const account = await signUp(request)
    const token = await signToken({
      sub: account.user.id,
      exp: Math.floor(Date.now() / 1000) - 60,
    })
    await expectError(await meWithAuthorization(request, `Bearer ${token}`), 401, 'invalid_token')
  })

  test('signed with the right secret but from another issuer', async ({ request }) => {
    const account = await signUp(request)
    const token = await signToken({ sub: account.user.id, iss: 'someone-else' })
    await expectError(await meWithAuthorization(request, `Bearer ${token}`), 401, 'invalid_token')
  })

  test('signed with the right secret for a user that does not exist', async ({ request }) => {
    const token = await signToken({ sub: randomUUID() })
    await expectError(await meWithAuthorization(request, `Bearer ${token}`), 401, 'invalid_token')
  })

  test('that is a refresh token', async ({ request }) => {
    const { refreshToken } = await signUp(request)
    await expectError(
      await meWithAuthorization(request, `Bearer ${refreshToken}`),
      401,
      'invalid_token',
    )
  })
})
