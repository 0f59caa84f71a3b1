/**
 * Every way a backend call can fail: a stable code for programs and one fixed sentence for
 * people. Neither ever carries a stack trace, a library's message or a hint about which part
 * of the input was wrong.
 */
export const ERROR_MESSAGES = {
  invalid_input:
    'The request is not valid. Send JSON with a valid email, a password of 8 to 256 characters and an optional name of up to 100 characters.',
  invalid_credentials: 'The email or password is incorrect.',
  email_taken: 'An account with this email already exists.',
  invalid_token: 'The token is invalid or has expired.',
  unavailable: 'The service is temporarily unavailable. Try again shortly.',
  not_found: 'There is no such endpoint.',
  method_not_allowed: 'This endpoint does not accept that method.',
  payload_too_large: 'The request body is larger than 16 kB.',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

/** The one place where an error code becomes an HTTP status. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_credentials: 401,
  invalid_token: 401,
  not_found: 404,
  method_not_allowed: 405,
  email_taken: 409,
  payload_too_large: 413,
  unavailable: 503,
}

/** What every error response's body looks like. */
export type ErrorBody = { error: { code: ErrorCode; message: string } }

/** A failed operation: just its code; the message and the status follow from it. */
export type Failure = { ok: false; code: ErrorCode }

export type Success<T> = { ok: true; value: T }

/** What every backend operation returns instead of throwing for an expected failure. */
export type Result<T> = Success<T> | Failure

/** Wraps a value as a successful result. */
export const succeed = <T>(value: T): Success<T> => ({ ok: true, value })

/** A failed result with this code. */
export const fail = (code: ErrorCode): Failure => ({ ok: false, code })
