import type { InputField } from './backend'

// #region codes
/** A failed sign-in's `error`, read back: the code and the one detail it may carry. */
export type SignInError = { code: string; field?: InputField; retryAfterSeconds?: number }

/**
 * What `authorize()` throws, so what `signIn()` hands back as `error`: a code, then after a
 * colon the field at fault (`invalid_input:name`) or the seconds to wait (`rate_limited:840`).
 */
export function encodeSignInError({ code, field, retryAfterSeconds }: SignInError): string {
  if (field !== undefined) return `${code}:${field}`
  return retryAfterSeconds === undefined ? code : `${code}:${retryAfterSeconds}`
}

/** The parts of a `signIn()` error; anything not in the format above is a bare code. */
export function parseSignInError(error: string): SignInError {
  const match = /^(\w+):(?:(email|password|name)|(\d{1,9}))$/.exec(error)
  if (!match?.[1]) return { code: error }
  const [, code, field, seconds] = match
  return field ? { code, field: field as InputField } : { code, retryAfterSeconds: Number(seconds) }
}

/** "Try again in 14 minutes.": the wait rounded up, in the largest unit that fits. */
export function tryAgainIn(seconds: number): string {
  const [amount, unit] =
    seconds <= 60
      ? [Math.max(1, Math.ceil(seconds)), 'second']
      : seconds <= 3600
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.ceil(seconds / 3600), 'hour']
  return `Try again in ${amount} ${unit}${amount === 1 ? '' : 's'}.`
}
// #endregion codes

// #region messages
/** The `error` that `signIn()` hands back, as a sentence a person can act on. */
const MESSAGES: Record<string, string> = {
  // authorize() returned null: the backend answered 401 to the email and password.
  CredentialsSignin: 'The email or password is incorrect.',
  // authorize() threw one of the backend's codes (lib/authorize.ts).
  invalid_input: 'Check the email, and use a password of at least 8 characters.',
  email_taken: 'There is already an account with this email. Log in instead.',
  rate_limited: 'Too many attempts. Wait a minute, then try again.',
  unavailable: 'We could not reach the sign-in service. Try again in a moment.',
}

const FALLBACK = 'Something went wrong. Try again.'

/** The message for a failed `signIn()`; unknown codes get a generic one, never the code. */
export function describeSignInError(error: string | null | undefined): string {
  const { code, retryAfterSeconds } = parseSignInError(error ?? '')
  if (code === 'rate_limited' && retryAfterSeconds !== undefined) {
    return `Too many attempts. ${tryAgainIn(retryAfterSeconds)}`
  }
  return MESSAGES[code] ?? FALLBACK
}
// #endregion messages

// #region safe-callback-path
const THIS_SITE = 'http://this-site.invalid'

/**
 * A callbackUrl from the query, if it is a path on this site; anything else goes home.
 * why: checking the text is not enough. A browser drops tabs and line breaks from a URL and
 * reads `/\` as `//`, so `/\tevil.example` is another site: resolve it the way the browser will.
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/'
  const url = new URL(value, THIS_SITE)
  return url.origin === THIS_SITE ? `${url.pathname}${url.search}${url.hash}` : '/'
}
// #endregion safe-callback-path
