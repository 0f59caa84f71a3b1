import type { ReactNode } from 'react'

import styles from './lab.module.css'

/**
 * The token countdown's box, shared by the live widget and its placeholder so that both have one
 * size and one region name: the page does not move, and scrolling to the region loads it.
 */
export function CountdownBox({ busy = false, children }: { busy?: boolean; children?: ReactNode }) {
  return (
    <div
      className={styles.lab}
      style={{ minHeight: '7rem' }}
      role="region"
      aria-label="Access token countdown"
      aria-busy={busy || undefined}
    >
      {children}
    </div>
  )
}
