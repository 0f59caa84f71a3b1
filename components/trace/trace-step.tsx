import { useState } from 'react'

import type { TraceEvent } from '@/lib/trace/types'

import hidden from '../visually-hidden.module.css'
import styles from './trace.module.css'

/** One step of a traced request: its name and duration, and its redacted details on demand. */
export function TraceStep({ event }: { event: TraceEvent }) {
  const [html, setHtml] = useState<string | null>(null)
  const json = JSON.stringify(
    { args: event.args, result: event.result, ...(event.error ? { error: event.error } : {}) },
    null,
    2,
  )

  function onToggle(open: boolean) {
    if (!open || html !== null) return
    void import('./highlight-json').then(({ highlightJson }) => highlightJson(json)).then(setHtml)
  }

  return (
    <li className={styles.step} data-step={event.step}>
      {event.step}
      <span className={styles.duration}> · {event.durationMs.toFixed(1)} ms</span>
      {event.error && <span className={styles.error}> · threw “{event.error}”</span>}
      <details onToggle={(toggle) => onToggle(toggle.currentTarget.open)}>
        {/* why: every step has one of these; the hidden name tells a screen reader which. */}
        <summary>
          <span className={hidden.visuallyHidden}>{event.step}: </span>Arguments and result
        </summary>
        {html === null ? (
          <pre className={styles.json}>{json}</pre>
        ) : (
          // why: shiki escapes the JSON it highlights; the values were redacted on the server.
          <div className={styles.json} dangerouslySetInnerHTML={{ __html: html }} />
        )}
      </details>
    </li>
  )
}
