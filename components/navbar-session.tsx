import { useSession } from 'next-auth/react'

import styles from './navbar-session.module.css'

/**
 * Who is signed in, in the navbar of every page. It reads the same `useSession()` that the
 * chapters teach, so a reader who signs in anywhere on the site sees it here at once.
 */
export function NavbarSession() {
  const { data: session, status } = useSession()

  if (status === 'loading') {
    // why: keep the slot's width while the session loads so the navbar does not shift.
    return <span className={styles.slot} aria-hidden="true" />
  }
  if (status === 'unauthenticated' || !session) {
    return (
      <span className={styles.slot} data-testid="navbar-session">
        Not signed in
      </span>
    )
  }
  const who = session.user?.name ?? session.user?.email ?? 'a reader'
  return (
    <span className={styles.slot} data-testid="navbar-session" title={`Signed in as ${who}`}>
      Signed in as <strong>{who}</strong>
    </span>
  )
}
