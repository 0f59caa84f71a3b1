/**
 * What a reader is told for each `signIn()` error: NextAuth's own codes and the codes our
 * `authorize()` throws. The errors chapter teaches this same table.
 */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'The email or password is incorrect.',
  AccessDenied: 'This account may not sign in.',
  invalid_input:
    'Check your email, and use a password of 15 to 256 characters that is not a common one.',
  email_taken: 'An account with this email already exists. Try logging in.',
  rate_limited: 'Too many attempts. Wait a little, then try again.',
  unavailable: 'We could not reach the sign-in service. Try again in a moment.',
  lab_scenario_error: 'authorize() threw, as this scenario asked.',
}

/** A sentence for the reader; unknown codes get a generic one, never the raw code alone. */
export function messageFor(error: string): string {
  return MESSAGES[error] ?? 'Something went wrong. Try again.'
}
