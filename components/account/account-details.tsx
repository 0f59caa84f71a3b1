import { useRouter } from 'next/router'
import { signOut, useSession } from 'next-auth/react'
import { useEffect, useState } from 'react'

import styles from './account.module.css'

type Me = {
  user: { id: string; name: string | null; email: string | null; role?: string }
  expires: string
}

/**
 * The protected part of the account page: it requires a session on the client, and the
 * details themselves come from `/api/me`, which checks the session on the server.
 */
export function AccountDetails() {
  const router = useRouter()
  const { data: session, status } = useSession({
    required: true,
    // why: NextAuth's default is its own sign-in page; this site signs readers in in the lab,
    // which says why they are there and brings them back here after.
    onUnauthenticated: () => void router.replace('/lab?from=account'),
  })
  const [me, setMe] = useState<Me | null>(null)
  // why: a session whose refresh the backend refused still says "authenticated" until the
  // navbar has deleted its cookie; it is treated as signed out at once.
  const refreshRefused = session?.error !== undefined

  useEffect(() => {
    if (refreshRefused) void router.replace('/lab?from=account')
  }, [refreshRefused, router])

  useEffect(() => {
    if (status !== 'authenticated' || refreshRefused) return
    void fetch('/api/me', { cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<Me>) : null))
      .then(setMe)
  }, [status, refreshRefused])

  if (status === 'loading' || !me) return <p className={styles.box}>Checking your session…</p>
  return (
    <div className={styles.box}>
      <dl className={styles.details} data-testid="account-details">
        <dt>Name</dt>
        <dd>{me.user.name ?? '(none)'}</dd>
        <dt>Email</dt>
        <dd>{me.user.email}</dd>
        <dt>Role</dt>
        <dd>{me.user.role ?? '(none)'}</dd>
        <dt>User id</dt>
        <dd>
          <code>{me.user.id}</code>
        </dd>
        <dt>Session expires</dt>
        <dd>{new Date(me.expires).toLocaleString('en')}</dd>
      </dl>
      <button
        className={styles.signOut}
        type="button"
        onClick={() => void signOut({ callbackUrl: '/lab' })}
      >
        Sign out
      </button>
    </div>
  )
}
