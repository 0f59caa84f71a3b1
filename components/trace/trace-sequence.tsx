import dynamic from 'next/dynamic'
import { useRef } from 'react'

import { PANEL_LABELS } from './panel-labels'
import styles from './trace.module.css'
import { buildSequenceDiagram } from './build-sequence-diagram'
import { useTrace } from './use-trace'

// why: mermaid is large; it loads only when this diagram is on the page.
const Mermaid = dynamic(
  () => import('@theguild/remark-mermaid/mermaid').then((module) => module.Mermaid),
  {
    ssr: false,
  },
)

/** The reader's own trace, drawn as a sequence diagram (the newest three requests). */
export function TraceSequence() {
  const panel = useRef<HTMLElement>(null)
  const { requests } = useTrace(panel)
  const recent = requests.slice(-3)

  return (
    <section ref={panel} className={styles.panel} aria-label={PANEL_LABELS.sequence}>
      {recent.length === 0 ? (
        <p className={styles.hint}>Sign in with the lab to see your own requests drawn here.</p>
      ) : (
        <Mermaid chart={buildSequenceDiagram(recent)} />
      )}
    </section>
  )
}
