import dynamic from 'next/dynamic'

import styles from './trace.module.css'

function PanelPlaceholder() {
  return <div className={styles.panel} aria-busy="true" />
}

/** The trace widgets, each loaded after the page has painted, in a box of the same size. */
export const TracePanel = dynamic(
  () => import('./trace-panel').then((module) => module.TracePanel),
  {
    ssr: false,
    loading: PanelPlaceholder,
  },
)

export const TraceSequence = dynamic(
  () => import('./trace-sequence').then((module) => module.TraceSequence),
  {
    ssr: false,
    loading: PanelPlaceholder,
  },
)

export const TokenInspector = dynamic(
  () => import('./token-inspector').then((module) => module.TokenInspector),
  {
    ssr: false,
    loading: PanelPlaceholder,
  },
)
