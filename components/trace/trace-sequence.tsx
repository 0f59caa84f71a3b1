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

/**
 * why: by default mermaid shrinks a sequence diagram to fit its column, and a sign-in's arrows are
 * far wider than a phone's, so at 390 px its words fell to 6.4 px (measured). Drawn at its own
 * size, the text keeps mermaid's 16 px and the box scrolls sideways instead (issue #25: ≥ 12 px;
 * tests/e2e/lab/trace-sequence.spec.ts).
 */
const DRAW_AT_OWN_SIZE = '%%{init: {"sequence": {"useMaxWidth": false}}}%%'

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
        // why: a box that scrolls must take the keyboard's focus, or keyboard users cannot scroll it.
        <div
          className={`${styles.diagram} scrolls-sideways`}
          tabIndex={0}
          role="group"
          aria-label="Sequence diagram"
        >
          <Mermaid chart={`${DRAW_AT_OWN_SIZE}\n${buildSequenceDiagram(recent)}`} />
        </div>
      )}
    </section>
  )
}
