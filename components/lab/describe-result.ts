import type { SignInResponse } from 'next-auth/react'

/** One sentence for screen readers about what `signIn()` resolved to. */
export function describeResult(response: SignInResponse | undefined): string {
  if (!response) return 'signIn() resolved to undefined.'
  if (response.ok && !response.error) {
    return response.url?.includes('#signin-returned-a-url')
      ? `The signIn callback returned a URL: ${response.url}. No session was created.`
      : 'Signed in.'
  }
  return `Sign-in failed: ${response.error ?? 'unknown error'} (HTTP ${response.status}).`
}
