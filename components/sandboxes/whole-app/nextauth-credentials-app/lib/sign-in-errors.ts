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
  return (error && MESSAGES[error]) || FALLBACK
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
