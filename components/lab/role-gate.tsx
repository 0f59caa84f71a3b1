import { useState } from 'react'

import styles from './lab.module.css'

type Answer = { status: number; body: unknown }

/**
 * Calls the editors-only API with the reader's own cookie and shows what came back: the
 * middleware's 401 or 403 JSON, or the route's answer for the demo editor.
 */
export function RoleGate() {
  const [answer, setAnswer] = useState<Answer | null>(null)
  const [busy, setBusy] = useState(false)

  async function call() {
    setBusy(true)
    try {
      const response = await fetch('/api/editor/notes', { cache: 'no-store' })
      setAnswer({ status: response.status, body: await response.json().catch(() => null) })
    } catch {
      setAnswer({ status: 0, body: 'The request did not reach the server.' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className={styles.roleGate}>
      <h3>Role gate</h3>
      <p className={styles.hint}>
        <code>/api/editor/notes</code> is for editors: the middleware reads the role from your
        session cookie before the route runs.
      </p>
      <button className={styles.button} type="button" onClick={() => void call()} disabled={busy}>
        Call the editors-only API
      </button>
      <pre className={styles.pre} data-testid="role-gate-answer" aria-live="polite">
        {answer ? `${answer.status}\n${JSON.stringify(answer.body, null, 2)}` : 'Not called yet.'}
      </pre>
    </div>
  )
}
