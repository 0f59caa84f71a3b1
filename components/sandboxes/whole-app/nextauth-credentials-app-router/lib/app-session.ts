import type { Session } from 'next-auth'
import { getServerSession } from 'next-auth/next'

import { authOptions } from './auth-options'
import { isSignedIn } from './signed-in'

// #region app-session
/**
 * The signed-in session, or null: for server components, route handlers and server actions.
 * With only the options, getServerSession() reads the request's cookies through next/headers.
 * why: it runs the `jwt` callback but cannot send a cookie back, so a refresh it makes is not
 * kept; the browser's next call to /api/auth/session (SessionProvider) stores one.
 */
export async function getAppSession(): Promise<Session | null> {
  const session = await getServerSession(authOptions)
  return isSignedIn(session) ? session : null
}
// #endregion app-session
