import { useSession } from 'next-auth/react'
import { useState } from 'react'

import styles from './secret.module.css'

type Rotation =
  | { signedIn: false }
  | {
      signedIn: true
      withCurrentSecret: { decrypted: boolean }
      withRotatedSecret: { decrypted: boolean }
    }

/** Asks the server to open the reader's own session cookie with today's secret and a new one. */
export function RotationDemo() {
  const { status } = useSession()
  const [rotation, setRotation] = useState<Rotation | null>(null)

  async function tryRotation() {
    const response = await fetch('/api/lab/rotate-secret', { cache: 'no-store' })
    setRotation((await response.json()) as Rotation)
  }

  return (
    <div className={styles.box} aria-label="Secret rotation on your session" role="region">
      <button className={styles.button} type="button" onClick={() => void tryRotation()}>
        Try my session with a new secret
      </button>
      {status !== 'authenticated' && (
        <p className={styles.list}>Sign in with the lab first, so there is a session to try.</p>
      )}
      <div aria-live="polite" data-testid="rotation-result">
        {rotation && !rotation.signedIn && <p>No session cookie was sent: you are signed out.</p>}
        {rotation?.signedIn && (
          <ul className={styles.list}>
            <li>
              With the current secret:{' '}
              {rotation.withCurrentSecret.decrypted ? 'decrypted, you are signed in' : 'rejected'}.
            </li>
            <li>
              With a new secret:{' '}
              {rotation.withRotatedSecret.decrypted
                ? 'decrypted'
                : 'rejected, you would be signed out'}
              .
            </li>
          </ul>
        )}
      </div>
    </div>
  )
}
