import { useState } from 'react'

import styles from './lab.module.css'

/** What the editors-only API answered, in one line: the status, then the code or the notes. */
function describe(status: number, body: unknown): string {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const { code, message } = (body as { error: { code?: string; message?: string } }).error
    return `${status} ${code ?? ''}: ${message ?? ''}`
  }
  return `${status} ${JSON.stringify(body)}`
}

/**
 * Calls the editors-only API with the reader's own cookie and says what came back: the
 * middleware's 401 or 403, or the route's answer for the demo editor. One row, so the lab
 * keeps the height its stand-in reserves.
 */
export function RoleGate() {
  const [answer, setAnswer] = useState('Not called yet.')
  const [busy, setBusy] = useState(false)

  async function call() {
    setBusy(true)
    try {
      const response = await fetch('/api/editor/notes', { cache: 'no-store' })
      setAnswer(describe(response.status, await response.json().catch(() => null)))
    } catch {
      setAnswer('The request did not reach the server.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className={`${styles.row} ${styles.roleGate}`}>
      <button className={styles.button} type="button" onClick={() => void call()} disabled={busy}>
        Call the editors-only API
      </button>
      <output className={styles.hint} data-testid="role-gate-answer" aria-live="polite">
        <code>GET /api/editor/notes</code> → {answer}
      </output>
    </div>
  )
}
