import { randomBytes, randomUUID } from 'node:crypto'

import type { APIRequestContext, APIResponse } from '@playwright/test'
import { expect } from '@playwright/test'

import type { ErrorCode } from '../../demo-backend/errors'
import type { InputField, Role } from '../../demo-backend/contract'
import { INPUT_FIELDS } from '../../demo-backend/contract'
import { ERROR_MESSAGES } from '../../demo-backend/errors'

/** Where the site serves the demo backend's contract. */
export const BACKEND_PATH = '/api/backend'

export type Route = 'signup' | 'login' | 'refresh' | 'me' | 'logout'

export type SessionTokens = {
  user: { id: string; email: string; name: string | null; role: Role }
  accessToken: string
  accessTokenExpires: number
  refreshToken: string
}

/**
 * A client address no other test uses. The test server trusts one proxy hop, so this is the
 * address its rate limits count against. The backend counts an IPv6 /64 as one client, so the
 * 56 random bits are in the prefix (fdXX:XXXX:XXXX:XXXX::/64): two tests never share counters.
 */
export function newClientIp(): string {
  const prefix = `fd${randomBytes(7).toString('hex')}`.match(/.{4}/g) ?? []
  return `${prefix.join(':')}::1`
}

/** An email no account has yet. */
export function newEmail(label = 'reader'): string {
  return `${label}-${randomUUID()}@example.com`
}

/** A password the sign-up accepts: long enough, and on no list of common passwords. */
export function newPassword(): string {
  return `pw ${randomBytes(16).toString('base64url')}`
}

export type CallOptions = {
  /** The client address, sent as X-Forwarded-For. */
  ip: string
  method?: string
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown
  /** Sent byte for byte; without `contentType`, Playwright labels it application/octet-stream. */
  body?: string | Buffer
  contentType?: string
  /** Sent as `Authorization: Bearer <token>`. */
  bearer?: string
  headers?: Record<string, string>
  /** The server's origin when it is not the one Playwright started. */
  origin?: string
  /** The path prefix of the routes: `/api/backend` on the site, `` on the standalone server. */
  prefix?: string
}

/** One request to a backend route, exactly as a client of the contract would send it. */
export function callBackend(
  request: APIRequestContext,
  route: string,
  options: CallOptions,
): Promise<APIResponse> {
  const headers: Record<string, string> = { 'x-forwarded-for': options.ip }
  // why: Playwright rewrites a string body that does not parse as JSON when the content type
  // says JSON, and labels a bare Buffer application/octet-stream. A Buffer with our own
  // content type goes out byte for byte.
  let data = options.body === undefined ? undefined : Buffer.from(options.body)
  if (options.json !== undefined) {
    data = Buffer.from(JSON.stringify(options.json))
    headers['content-type'] = 'application/json'
  }
  if (options.contentType !== undefined) headers['content-type'] = options.contentType
  if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`
  Object.assign(headers, options.headers)
  const method = options.method ?? (route === 'me' ? 'GET' : 'POST')
  const url = `${options.origin ?? ''}${options.prefix ?? BACKEND_PATH}/${route}`
  return request.fetch(url, { method, headers, data, failOnStatusCode: false, maxRedirects: 0 })
}

// why: what would show that an internal error, rather than the contract, produced a body.
const LEAK_PATTERNS: RegExp[] = [
  /stack/i,
  /^\s*at /m,
  /\bat \S+ \(/,
  /\.(?:ts|js|mjs|cjs):\d+/,
  /sqlite/i,
  /kysely/i,
  /ZodError/,
  /zod/i,
  /"path"|"issues"|invalid_type|too_big|too_small|unrecognized_keys/,
  /constraint|database is locked|no such table|syntax error|ENOTDIR|ENOENT|EACCES/i,
  /password_hash|\$argon2/,
]

/** Fails when a response body carries a stack trace, a driver's words or a validator's. */
export function expectNoLeak(text: string): void {
  for (const pattern of LEAK_PATTERNS)
    expect(text, `body must not match ${pattern}`).not.toMatch(pattern)
}

/**
 * Asserts the contract's error answer: the status, JSON, and exactly `{error: {code, message}}`,
 * plus `field` for `invalid_input`: the one named here, or when none is named any of the
 * contract's fields or none.
 */
export async function expectError(
  response: APIResponse,
  status: number,
  code: ErrorCode,
  field?: InputField,
): Promise<void> {
  const text = await response.text()
  expect(response.status(), `status of a ${code} answer (body: ${text})`).toBe(status)
  expect(response.headers()['content-type']).toBe('application/json; charset=utf-8')
  const body = JSON.parse(text) as { error?: { field?: unknown } }
  const sent = code === 'invalid_input' && field === undefined ? body.error?.field : field
  if (sent !== undefined) expect(INPUT_FIELDS).toContain(sent)
  expect(body).toStrictEqual({
    error: { code, message: ERROR_MESSAGES[code], ...(sent === undefined ? {} : { field: sent }) },
  })
  expectNoLeak(text)
}

/** Asserts a `Retry-After` of a whole number of seconds between 1 and `maxSeconds`. */
export function expectRetryAfter(response: APIResponse, maxSeconds: number): number {
  const value = response.headers()['retry-after']
  expect(value, 'Retry-After header').toMatch(/^[1-9]\d*$/)
  const seconds = Number(value)
  expect(seconds).toBeLessThanOrEqual(maxSeconds)
  return seconds
}

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/

/**
 * Asserts a `signup`/`login`/`refresh` success: the status, JSON, exactly the contract's four
 * fields, and a user of exactly `{id, email, name, role}` (never a password hash). The role
 * is `reader` unless `user` names another.
 */
export async function expectSession(
  response: APIResponse,
  status: number,
  user: { email: string; name: string | null; role?: Role },
): Promise<SessionTokens> {
  const text = await response.text()
  expect(response.status(), `status of a session answer (body: ${text})`).toBe(status)
  expect(response.headers()['content-type']).toBe('application/json; charset=utf-8')
  expect(response.headers()['cache-control']).toBe('no-store')
  const body = JSON.parse(text) as SessionTokens
  expect(Object.keys(body).sort()).toEqual([
    'accessToken',
    'accessTokenExpires',
    'refreshToken',
    'user',
  ])
  expect(body.user).toStrictEqual({
    id: expect.any(String),
    email: user.email,
    name: user.name,
    role: user.role ?? 'reader',
  })
  expect(body.user.id).not.toBe('')
  expect(body.accessToken).toMatch(JWT)
  expect(Number.isInteger(body.accessTokenExpires)).toBe(true)
  expect(body.accessTokenExpires).toBeGreaterThan(Date.now())
  expect(body.accessTokenExpires).toBeLessThanOrEqual(Date.now() + 3_600_000)
  expect(body.refreshToken).toMatch(/^[\w-]{32,}$/)
  // why: no leak check on a success: its random tokens may spell anything. The exact keys
  // above already keep a password hash out.
  expect(text).not.toContain('$argon2')
  return body
}

/** Creates an account through the contract and returns its first session. */
export async function signUp(
  request: APIRequestContext,
  account: { email?: string; password?: string; name?: string } = {},
): Promise<SessionTokens & { email: string; password: string }> {
  const email = account.email ?? newEmail()
  const password = account.password ?? newPassword()
  const json =
    account.name === undefined ? { email, password } : { email, password, name: account.name }
  const response = await callBackend(request, 'signup', { ip: newClientIp(), json })
  const session = await expectSession(response, 201, { email, name: account.name ?? null })
  return { ...session, email, password }
}
