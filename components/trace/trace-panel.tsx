import { useRef } from 'react'

import { PANEL_LABELS } from './panel-labels'
import styles from './trace.module.css'
import { TraceStep } from './trace-step'
import { useTrace } from './use-trace'

/**
 * The callback trace: what NextAuth really ran on the server for this reader, one group per
 * HTTP request, each step in the order it started. It updates while it is on screen.
 */
export function TracePanel() {
  const panel = useRef<HTMLElement>(null)
  const { requests, failed, clear } = useTrace(panel)

  return (
    <section ref={panel} className={styles.panel} aria-label={PANEL_LABELS.trace}>
      <div className={styles.header}>
        <strong>Callback trace</strong>
        <button className={styles.button} type="button" onClick={() => void clear()}>
          Clear trace
        </button>
      </div>
      {failed && (
        <p role="alert" className={styles.hint}>
          The trace is unavailable right now; it will update when the server answers again.
        </p>
      )}
      {requests.length === 0 ? (
        <p className={styles.hint}>
          Nothing traced yet. Sign in with the lab: each request NextAuth handles for you appears
          here with the callbacks it ran.
        </p>
      ) : (
        requests.map((request) => (
          <section key={request.id} className={styles.request} aria-label={request.label}>
            <h3>{request.label}</h3>
            <ol className={styles.steps}>
              {request.events.map((event) => (
                <TraceStep key={event.seq} event={event} />
              ))}
            </ol>
          </section>
        ))
      )}
    </section>
  )
}
