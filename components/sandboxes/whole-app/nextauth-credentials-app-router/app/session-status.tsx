'use client'

import { useSession } from 'next-auth/react'

import { isSignedIn } from '../lib/signed-in'

// #region session-status
/** useSession() works in any client component under the Providers of app/layout.tsx. */
export function SessionStatus() {
  const { data: session, status } = useSession()
  if (status === 'loading') return <p>Checking your session in the browser…</p>
  if (!isSignedIn(session)) return <p>The browser sees no session.</p>
  return <p>The browser sees {session.user.email} as signed in.</p>
}
// #endregion session-status
