import styles from './lab.module.css'
import { ErrorIcon } from './error-icon'
import type { Feedback } from './sign-in-feedback'

/**
 * The lab's two live regions, both always in the page so that screen readers announce what
 * arrives in them: a polite status for what went well, an alert for what went wrong.
 */
export function LabMessages({ feedback }: { feedback: Feedback | null }) {
  const error = feedback?.tone === 'error' ? feedback.text : ''
  return (
    <div data-testid="lab-announcement">
      <div role="status" aria-live="polite" className={styles.hint}>
        {feedback?.tone === 'status' ? feedback.text : ''}
      </div>
      <div role="alert" className={error ? styles.alert : undefined} data-testid="lab-error">
        {error && (
          <>
            <ErrorIcon />
            <span>{error}</span>
          </>
        )}
      </div>
    </div>
  )
}
