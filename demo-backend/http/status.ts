import type { ErrorCode } from '../errors'

/** The one place where an error code becomes an HTTP status. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_credentials: 401,
  invalid_token: 401,
  not_found: 404,
  method_not_allowed: 405,
  email_taken: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
}
