import { useSession } from './next-auth-react-model'

/** A page's account box: one branch for each status useSession() can report. */
export function AccountPage() {
  const { data: session, status, update } = useSession()

  if (status === 'loading') {
    // Keep the box the size of the real content, so nothing jumps when the session arrives.
    return (
      <div className="skeleton" role="status" aria-busy="true" aria-label="Loading your account" />
    )
  }

  if (status === 'unauthenticated') {
    return (
      <p>
        You are not signed in. <a href="/login">Sign in</a> to see your account.
      </p>
    )
  }

  return (
    <div className="account">
      <p>
        Signed in as <strong>{session?.user.name ?? session?.user.email}</strong>
      </p>
      <p>Your session lasts until {new Date(session?.expires ?? '').toLocaleString()}.</p>
      <button type="button" onClick={() => void update()}>
        Refresh session
      </button>
    </div>
  )
}
