import type { z } from 'zod'

import {
  firstInvalidField,
  loginRequestSchema,
  logoutRequestSchema,
  refreshRequestSchema,
  signupRequestSchema,
} from '../contract'
import type { Backend } from '../core/create-backend'
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../core/create-backend'
import type { ErrorCode, Failure, Result } from '../errors'
import { ERROR_MESSAGES, fail, failInput } from '../errors'
import { STATUS_BY_CODE } from './status'

/** An HTTP request reduced to what the backend reads. No framework type gets past here. */
export type BackendHttpRequest = {
  route: string
  method: string
  contentType: string | undefined
  authorization: string | undefined
  /** The raw body, already read within the size limit. */
  body: string
  ip: string
}

export type BackendHttpResponse = {
  status: number
  headers: Record<string, string>
  body: unknown
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
}

export function errorResponse(
  failure: Failure,
  extraHeaders: Record<string, string> = {},
): BackendHttpResponse {
  const headers: Record<string, string> = { ...JSON_HEADERS, ...extraHeaders }
  if (failure.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(failure.retryAfterSeconds)
  return {
    status: STATUS_BY_CODE[failure.code],
    headers,
    body: {
      error: {
        code: failure.code,
        message: ERROR_MESSAGES[failure.code],
        ...(failure.field === undefined ? {} : { field: failure.field }),
      },
    },
  }
}

function respond<T>(result: Result<T>, successStatus: number): BackendHttpResponse {
  if (!result.ok) return errorResponse(result)
  if (successStatus === 204)
    return { status: 204, headers: { 'cache-control': 'no-store' }, body: undefined }
  return { status: successStatus, headers: JSON_HEADERS, body: result.value }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; failure: Failure }

/**
 * Parses a JSON body against a schema. Anything wrong is `invalid_input`, naming the first
 * field at fault when the body was a JSON object with a bad field.
 */
function parseBody<S extends z.ZodType>(
  request: BackendHttpRequest,
  schema: S,
): Parsed<z.output<S>> {
  const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase()
  if (mediaType !== 'application/json') return { ok: false, failure: failInput(undefined) }
  let json: unknown
  try {
    json = JSON.parse(request.body)
  } catch {
    return { ok: false, failure: failInput(undefined) }
  }
  const parsed = schema.safeParse(json)
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, failure: failInput(firstInvalidField(parsed.error)) }
}

function bearerToken(authorization: string | undefined): string | null {
  // why: the scheme name is case-insensitive in HTTP (RFC 9110 §11.1).
  const match = /^Bearer ([\x21-\x7e]{1,4096})$/i.exec(authorization ?? '')
  return match?.[1] ?? null
}

type Route = {
  method: 'GET' | 'POST'
  handle(backend: Backend, request: BackendHttpRequest): Promise<BackendHttpResponse>
}

/** The contract's five endpoints. */
const ROUTES: Record<string, Route> = {
  signup: {
    method: 'POST',
    async handle(backend, request) {
      const input = parseBody(request, signupRequestSchema)
      return input.ok
        ? respond(await backend.signup(input.value, { ip: request.ip }), 201)
        : errorResponse(input.failure)
    },
  },
  login: {
    method: 'POST',
    async handle(backend, request) {
      const input = parseBody(request, loginRequestSchema)
      return input.ok
        ? respond(await backend.login(input.value, { ip: request.ip }), 200)
        : errorResponse(input.failure)
    },
  },
  refresh: {
    method: 'POST',
    async handle(backend, request) {
      const input = parseBody(request, refreshRequestSchema)
      return input.ok
        ? respond(await backend.refresh(input.value.refreshToken), 200)
        : errorResponse(input.failure)
    },
  },
  me: {
    method: 'GET',
    async handle(backend, request) {
      const token = bearerToken(request.authorization)
      return token ? respond(await backend.me(token), 200) : errorResponse(fail('invalid_token'))
    },
  },
  logout: {
    method: 'POST',
    async handle(backend, request) {
      const input = parseBody(request, logoutRequestSchema)
      return input.ok
        ? respond(await backend.logout(input.value.refreshToken), 204)
        : errorResponse(input.failure)
    },
  },
}

/** The method a route accepts, or undefined for an unknown route (checked before any body is read). */
export function allowedMethod(route: string): string | undefined {
  return Object.hasOwn(ROUTES, route) ? ROUTES[route]?.method : undefined
}

export function failureResponse(code: ErrorCode, route?: string): BackendHttpResponse {
  const allow = route ? allowedMethod(route) : undefined
  return errorResponse(fail(code), code === 'method_not_allowed' && allow ? { allow } : {})
}

/**
 * Answers one backend request. `getBackend` may reject when the database cannot be reached
 * at start; that is answered as `unavailable`, and the next request tries again.
 */
export async function handleBackendRequest(
  getBackend: () => Promise<Backend>,
  request: BackendHttpRequest,
): Promise<BackendHttpResponse> {
  const route = Object.hasOwn(ROUTES, request.route) ? ROUTES[request.route] : undefined
  if (!route) return failureResponse('not_found')
  if (request.method !== route.method) return failureResponse('method_not_allowed', request.route)
  let backend: Backend
  try {
    backend = await getBackend()
  } catch {
    return errorResponse(fail('unavailable', UNAVAILABLE_RETRY_AFTER_SECONDS))
  }
  return route.handle(backend, request)
}
