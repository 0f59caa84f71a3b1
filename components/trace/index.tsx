import { loadWhenNear } from '@/components/load-when-near'

import styles from './trace.module.css'

/**
 * A trace widget's box before its code arrives: the same size and the same named region, so a
 * reader (or a screen reader) can already find it, and scrolling to it is what loads it.
 */
function panelPlaceholder(label: string) {
  function PanelPlaceholder() {
    return <section className={styles.panel} aria-label={label} aria-busy="true" />
  }
  return PanelPlaceholder
}

/** The trace widgets, each loaded when the reader scrolls near it. */
export const TracePanel = loadWhenNear(
  () => import('./trace-panel').then((module) => module.TracePanel),
  panelPlaceholder('Callback trace'),
)

export const TraceSequence = loadWhenNear(
  () => import('./trace-sequence').then((module) => module.TraceSequence),
  panelPlaceholder('Your trace as a sequence diagram'),
)

export const TokenInspector = loadWhenNear(
  () => import('./token-inspector').then((module) => module.TokenInspector),
  panelPlaceholder('Token inspector'),
)
