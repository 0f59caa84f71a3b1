import type { SignInResponse } from 'next-auth/react'

import { messageFor } from './auth-messages'

/** One sentence for screen readers about what `signIn()` resolved to. */
export function describeResult(response: SignInResponse | undefined): string {
  if (!response) return 'signIn() resolved to undefined.'
  if (response.ok && !response.error) {
    return response.url?.includes('#signin-returned-a-url')
      ? `The signIn callback returned a URL: ${response.url}. No session was created.`
      : 'Signed in.'
  }
  const code = response.error ?? 'unknown'
  return `Sign-in failed. ${messageFor(code)} (${code}, HTTP ${response.status})`
}
