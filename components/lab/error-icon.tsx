import styles from './lab.module.css'

/** A circled exclamation mark: errors are told apart by shape as well as by colour. */
export function ErrorIcon() {
  return (
    <svg className={styles.errorIcon} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.25v4.5" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
      <circle cx="8" cy="11.5" r="1" fill="currentColor" />
    </svg>
  )
}
