import type { InputHTMLAttributes } from 'react'
import { useId } from 'react'

import styles from './lab.module.css'
import { ErrorIcon } from './error-icon'

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string
  /** The rule, shown before anything is sent. */
  hint?: string
  /** What was wrong with what was sent, shown next to the field until it is edited. */
  error?: string
}

/** One labelled input, its rule and its own error, tied to it with `aria-describedby`. */
export function LabField({ label, hint, error, ...input }: Props) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ')
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={styles.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {hint && (
        <p id={hintId} className={styles.fieldHint}>
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className={styles.fieldError}>
          <ErrorIcon />
          {error}
        </p>
      )}
    </div>
  )
}
