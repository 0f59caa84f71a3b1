import { useSession } from 'next-auth/react'
import { useCallback, useEffect, useState } from 'react'

import { PANEL_LABELS } from './panel-labels'
import styles from './trace.module.css'

type Inspection = {
  claims: { token: Record<string, unknown> } | null
  cookies: { name: string; bytes: number }[]
  cookieLimitBytes: number
}

/**
 * What is inside the reader's own session cookie, decrypted by the server (tokens redacted),
 * and the NextAuth cookies the browser holds with their sizes.
 */
export function TokenInspector() {
  const { data: session, status } = useSession()
  const [inspection, setInspection] = useState<Inspection | null>(null)

  const inspect = useCallback(async () => {
    const response = await fetch('/api/trace/inspect', { cache: 'no-store' })
    if (response.ok) setInspection((await response.json()) as Inspection)
  }, [])

  // Re-inspect whenever the session changes (sign-in, refresh, update, sign-out).
  useEffect(() => {
    if (status !== 'loading') void inspect()
  }, [status, session?.expires, session?.accessTokenExpires, inspect])

  return (
    <section className={styles.panel} aria-label={PANEL_LABELS.inspector}>
      <div className={styles.header}>
        <strong>Your session token, decrypted on the server</strong>
        <button className={styles.button} type="button" onClick={() => void inspect()}>
          Inspect again
        </button>
      </div>
      <pre className={styles.json} data-testid="token-claims">
        {inspection?.claims
          ? JSON.stringify(inspection.claims.token, null, 2)
          : 'No session cookie: you are signed out.'}
      </pre>
      <table className={styles.table}>
        <caption className={styles.hint}>
          NextAuth cookies in this browser (limit {inspection?.cookieLimitBytes ?? 4096} bytes each)
        </caption>
        <thead>
          <tr>
            <th scope="col">Cookie</th>
            <th scope="col">Size</th>
          </tr>
        </thead>
        <tbody>
          {(inspection?.cookies ?? []).map((cookie) => (
            <tr key={cookie.name}>
              <td>
                <code>{cookie.name}</code>
              </td>
              <td>{cookie.bytes} bytes</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
