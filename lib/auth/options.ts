import type { NextAuthOptions } from 'next-auth'

import { getEnv } from '@/lib/env'

/** Eight hours: a reader's demo session should not outlive the afternoon it was made in. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60

/**
 * The one NextAuth configuration of the site. The API route and every `getServerSession()`
 * call import it, so the two can never disagree about the secret or the callbacks.
 */
export function getAuthOptions(): NextAuthOptions {
  const env = getEnv()
  return {
    secret: env.NEXTAUTH_SECRET,
    // why: the Credentials provider only works with JWT sessions; there is no session table.
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    providers: [],
  }
}
