import { useErrorMessage } from '@codesandbox/sandpack-react'

import { isNpmFetchError } from './sandbox-npm-status'
import styles from './sandbox.module.css'

/** The compile or runtime error of the reader's edit, over the preview, read out when it appears. */
export function SandboxError() {
  const message = useErrorMessage()
  // why: a network that blocks the npm CDNs is not the reader's error; SandboxNpmStatus says so.
  if (!message || isNpmFetchError(message)) return null
  return (
    <div className={styles.error} role="alert">
      <strong>The preview stopped with an error</strong>
      <pre>{message}</pre>
    </div>
  )
}
