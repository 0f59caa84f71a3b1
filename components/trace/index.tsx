import { loadWhenNear } from '@/components/load-when-near'

import { PANEL_LABELS } from './panel-labels'
import styles from './trace.module.css'

/**
 * A trace widget's box before its code arrives: the same size and region name (panel-labels.ts).
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
  panelPlaceholder(PANEL_LABELS.trace),
)

export const TraceSequence = loadWhenNear(
  () => import('./trace-sequence').then((module) => module.TraceSequence),
  panelPlaceholder(PANEL_LABELS.sequence),
)

export const TokenInspector = loadWhenNear(
  () => import('./token-inspector').then((module) => module.TokenInspector),
  panelPlaceholder(PANEL_LABELS.inspector),
)
