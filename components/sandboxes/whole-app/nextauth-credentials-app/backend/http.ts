import type { z } from 'zod'

import { loginRequestSchema, refreshTokenRequestSchema, signupRequestSchema } from './contract'
import type { Backend } from './create-backend'
import type { ErrorBody, ErrorCode, Result } from './errors'
import { ERROR_MESSAGES, STATUS_BY_CODE } from './errors'

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5

/** An HTTP request reduced to what the backend reads: no framework type gets past here. */
export type BackendRequest = {
  /** The path after `/api/backend/`, e.g. `login`. */
  route: string
  method: string
  contentType: string | undefined
  authorization: string | undefined
  /** Reads the body; called only once the route and the method are known to be right. */
  readBody: () => Promise<string | 'too_large'>
}

/** What to send back. `body` is JSON, or undefined for a 204. */
export type BackendResponse = { status: number; headers: Record<string, string>; body: unknown }

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
}

/** The contract's error response for a code: its status, its fixed message. */
export function errorResponse(
  code: ErrorCode,
  headers: Record<string, string> = {},
): BackendResponse {
  const body: ErrorBody = { error: { code, message: ERROR_MESSAGES[code] } }
  return { status: STATUS_BY_CODE[code], headers: { ...JSON_HEADERS, ...headers }, body }
}

function respond(result: Result<unknown>, status: 200 | 201 | 204): BackendResponse {
  if (!result.ok) return errorResponse(result.code)
  if (status === 204) return { status, headers: { 'cache-control': 'no-store' }, body: undefined }
  return { status, headers: JSON_HEADERS, body: result.value }
}

/** The body as JSON checked against `schema`, or null: every way to get it wrong is `invalid_input`. */
function parseJson<S extends z.ZodType>(contentType: string | undefined, body: string, schema: S) {
  if (contentType?.split(';')[0]?.trim().toLowerCase() !== 'application/json') return null
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return null
  }
  const parsed = schema.safeParse(json)
  return parsed.success ? (parsed.data as z.output<S>) : null
}

type Route = {
  method: 'GET' | 'POST'
  run(backend: Backend, request: BackendRequest): Promise<BackendResponse>
}

/** A POST route: read and validate the JSON body, run the operation, answer `status`. */
function post<S extends z.ZodType>(
  schema: S,
  status: 200 | 201 | 204,
  operation: (backend: Backend, input: z.output<S>) => Promise<Result<unknown>>,
): Route {
  return {
    method: 'POST',
    async run(backend, request) {
      const body = await request.readBody()
      // why: the rest of an oversized upload is not read; closing the connection discards it.
      if (body === 'too_large') return errorResponse('payload_too_large', { connection: 'close' })
      const input = parseJson(request.contentType, body, schema)
      return input === null
        ? errorResponse('invalid_input')
        : respond(await operation(backend, input), status)
    },
  }
}

const ROUTES: Record<string, Route> = {
  signup: post(signupRequestSchema, 201, (backend, input) => backend.signup(input)),
  login: post(loginRequestSchema, 200, (backend, input) => backend.login(input)),
  refresh: post(refreshTokenRequestSchema, 200, (backend, input) =>
    backend.refresh(input.refreshToken),
  ),
  logout: post(refreshTokenRequestSchema, 204, (backend, input) =>
    backend.logout(input.refreshToken),
  ),
  me: {
    method: 'GET',
    async run(backend, request) {
      // why: the scheme name is case-insensitive in HTTP (RFC 9110 §11.1).
      const token = /^Bearer ([\x21-\x7e]{1,512})$/i.exec(request.authorization ?? '')?.[1]
      return token ? respond(await backend.me(token), 200) : errorResponse('invalid_token')
    },
  },
}

/**
 * Answers one request to the backend: the route and the method first (404, 405 with
 * `Allow`), then the body, then the operation. An error nobody expected (a wrong setting,
 * a bug) is logged on the server and answered as `unavailable`, never as a stack trace.
 */
export async function handleBackendRequest(
  getBackend: () => Promise<Backend>,
  request: BackendRequest,
): Promise<BackendResponse> {
  const route = Object.hasOwn(ROUTES, request.route) ? ROUTES[request.route] : undefined
  if (!route) return errorResponse('not_found')
  if (request.method !== route.method)
    return errorResponse('method_not_allowed', { allow: route.method })
  try {
    return await route.run(await getBackend(), request)
  } catch (error) {
    console.error(
      `[backend] unavailable: ${error instanceof Error ? error.message : String(error)}`,
    )
    return errorResponse('unavailable', { 'retry-after': String(RETRY_AFTER_SECONDS) })
  }
}
