import { useSandpack } from '@codesandbox/sandpack-react'

import styles from './sandbox.module.css'

/**
 * The sandbox's visible files as plain buttons. Sandpack's own tabs nest a button inside an
 * element with role=tab, which screen readers cannot use (axe: nested-interactive).
 */
export function SandboxFileTabs() {
  const { sandpack } = useSandpack()
  return (
    <div className={styles.files} role="group" aria-label="Files">
      {sandpack.visibleFiles.map((path) => (
        <button
          key={path}
          type="button"
          className={styles.file}
          aria-current={path === sandpack.activeFile ? 'true' : undefined}
          onClick={() => sandpack.setActiveFile(path)}
        >
          {path.replace(/^\//, '')}
        </button>
      ))}
    </div>
  )
}
