import Link from 'next/link'
import { signOut, useSession } from 'next-auth/react'
import { useEffect } from 'react'

import { isSignedIn } from '@reference-app/lib/signed-in'

import styles from './navbar-session.module.css'
import hidden from './visually-hidden.module.css'

/**
 * Who is signed in, in the navbar of every page, as a link: to the reader's account when signed
 * in, to the live lab (where one signs in) when not. It reads the same `useSession()` that the
 * chapters teach, so a reader who signs in anywhere on the site sees it here at once.
 *
 * why a fixed-width slot: the theme lays the navbar out from the right edge, so a slot that
 * grew when the session arrived pushed the search and the GitHub link sideways on every page
 * load of a signed-in reader (76 px for "Signed in as Demo Reader"). The slot is as wide while
 * loading as after; a long name is cut short on screen and read whole by a screen reader and
 * in the tooltip. On a phone the slot shows the icon alone (navbar-session.module.css): filled
 * when signed in, outlined when not; the words stay the link's name.
 */
export function NavbarSession() {
  const { data: session, status } = useSession()
  const refreshRefused = session?.error !== undefined

  // why: the navbar is on every page, so this is where a session whose refresh the backend
  // refused ends, wherever the reader is: the cookie still decodes until it is deleted.
  useEffect(() => {
    if (refreshRefused) void signOut({ redirect: false })
  }, [refreshRefused])

  if (status === 'loading') return <span className={styles.slot} aria-hidden="true" />
  // why prefetch={false}: next/link would fetch the lab's code on every page load of the site.
  if (!isSignedIn(session)) {
    return (
      <Link
        href="/lab"
        prefetch={false}
        className={`${styles.slot} nextra-focus`}
        data-testid="navbar-session"
        title="Sign in in the live lab"
      >
        <PersonIcon signedIn={false} />
        <span className={styles.label}>Not signed in</span>
      </Link>
    )
  }
  const who = session.user?.name ?? session.user?.email ?? 'a reader'
  return (
    <Link
      href="/account"
      prefetch={false}
      className={`${styles.slot} nextra-focus`}
      data-testid="navbar-session"
      title={`Signed in as ${who}: your account`}
    >
      <PersonIcon signedIn />
      <span className={hidden.visuallyHidden}>Signed in as </span>
      <strong className={`${styles.label} ${styles.name}`}>{who}</strong>
    </Link>
  )
}

function PersonIcon({ signedIn }: { signedIn: boolean }) {
  const paint = signedIn
    ? { fill: 'currentColor' }
    : { fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 }
  return (
    <svg
      className={styles.icon}
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="8" cy="5" r="3" {...paint} />
      <path d="M2 15c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5z" {...paint} />
    </svg>
  )
}
