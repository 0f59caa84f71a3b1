import { useErrorMessage } from '@codesandbox/sandpack-react'

import styles from './sandbox.module.css'

/** The compile or runtime error of the reader's edit, over the preview, read out when it appears. */
export function SandboxError() {
  const message = useErrorMessage()
  if (!message) return null
  return (
    <div className={styles.error} role="alert">
      <strong>The preview stopped with an error</strong>
      <pre>{message}</pre>
    </div>
  )
}
