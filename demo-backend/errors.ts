import type { InputField } from './contract'

/**
 * Every way a backend call can fail, as a stable code with one fixed, human message.
 * Clients branch on the code; people read the message. Neither ever carries a driver error or
 * a stack trace. The one detail an answer may add is which field of the input was wrong
 * (`invalid_input`): it tells the client nothing it did not send.
 */
export const ERROR_MESSAGES = {
  invalid_input:
    'The request is not valid. Send JSON with a valid email, a password of 15 to 256 characters that is not a commonly used one, and an optional name of up to 100 characters.',
  invalid_credentials: 'The email or password is incorrect.',
  email_taken: 'An account with this email already exists.',
  invalid_token: 'The token is invalid or has expired.',
  rate_limited: 'Too many attempts. Wait a little and try again.',
  unavailable: 'The service is temporarily unavailable. Try again shortly.',
  not_found: 'There is no such endpoint.',
  method_not_allowed: 'This endpoint does not accept that method.',
  payload_too_large: 'The request body is larger than 16 kB.',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

/**
 * A failed operation: the code, for `rate_limited` and `unavailable` when to retry, and for
 * `invalid_input` the first field that broke the rules, when one did.
 */
export type Failure = {
  ok: false
  code: ErrorCode
  retryAfterSeconds?: number
  field?: InputField
}

export type Success<T> = { ok: true; value: T }

export type Result<T> = Success<T> | Failure

export const succeed = <T>(value: T): Success<T> => ({ ok: true, value })

export const fail = (code: ErrorCode, retryAfterSeconds?: number): Failure =>
  retryAfterSeconds === undefined ? { ok: false, code } : { ok: false, code, retryAfterSeconds }

/** `invalid_input`, naming the field at fault when there is one (not for a body that is not JSON). */
export const failInput = (field: InputField | undefined): Failure =>
  field === undefined
    ? { ok: false, code: 'invalid_input' }
    : { ok: false, code: 'invalid_input', field }
