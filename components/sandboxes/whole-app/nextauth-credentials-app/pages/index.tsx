import Link from 'next/link'
import { signOut, useSession } from 'next-auth/react'

import { isSignedIn } from '../lib/signed-in'

/** Who is signed in, read in the browser from /api/auth/session. */
export default function Home() {
  const { data: session, status } = useSession()

  if (status === 'loading') return <main>Checking your session…</main>

  if (!isSignedIn(session)) {
    return (
      <main>
        <h1>You are not signed in</h1>
        <Link href="/sign-in">Sign in</Link>
      </main>
    )
  }

  return (
    <main>
      <h1>Signed in as {session.user.name ?? session.user.email}</h1>
      <ul>
        <li>
          <Link href="/account">Your account</Link> (rendered on the server)
        </li>
        <li>
          <Link href="/editor">Editor&apos;s desk</Link> (editors only)
        </li>
      </ul>
      {/* #region sign-out */}
      <button type="button" onClick={() => void signOut({ callbackUrl: '/sign-in' })}>
        Sign out
      </button>
      {/* #endregion sign-out */}
    </main>
  )
}
