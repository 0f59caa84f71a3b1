import type { Session } from 'next-auth'
import type { SignInResponse } from 'next-auth/react'

import styles from './lab.module.css'

type Props = {
  result: SignInResponse | null
  status: 'loading' | 'authenticated' | 'unauthenticated'
  session: Session | null
  onSignOut(): void
  onUpdate(): void
}

/** The raw `signIn()` result next to what `useSession()` reports, as JSON. */
export function LabOutput({ result, status, session, onSignOut, onUpdate }: Props) {
  return (
    <div className={styles.output}>
      <div>
        <h3>signIn() resolved to</h3>
        <pre className={styles.pre} data-testid="signin-result">
          {result ? JSON.stringify(result, null, 2) : 'Nothing yet: sign in above.'}
        </pre>
      </div>
      <div>
        <h3>
          useSession(): <span data-testid="session-status">{status}</span>
        </h3>
        <pre className={styles.pre} data-testid="session-data">
          {JSON.stringify(session, null, 2)}
        </pre>
        <div className={styles.row}>
          <button
            className={styles.button}
            type="button"
            onClick={onUpdate}
            disabled={status !== 'authenticated'}
          >
            Update session
          </button>
          <button
            className={styles.button}
            type="button"
            onClick={onSignOut}
            disabled={status !== 'authenticated'}
          >
            Sign out
          </button>
        </div>
      </div>
    </div>
  )
}
