import Link from 'next/link'
import { signOut, useSession } from 'next-auth/react'

/** Shows who is signed in, read in the browser from /api/auth/session. */
export default function Home() {
  const { data: session, status } = useSession()

  if (status === 'loading') return <main>Checking your session…</main>

  if (!session) {
    return (
      <main>
        <h1>You are not signed in</h1>
        <Link href="/sign-in">Sign in</Link>
      </main>
    )
  }

  return (
    <main>
      <h1>Signed in</h1>
      <dl>
        <dt>Name</dt>
        <dd>{session.user.name}</dd>
        <dt>Email</dt>
        <dd>{session.user.email}</dd>
        <dt>User id</dt>
        <dd>{session.user.id}</dd>
      </dl>
      <button type="button" onClick={() => void signOut({ callbackUrl: '/sign-in' })}>
        Sign out
      </button>
    </main>
  )
}
