import styles from './sandbox.module.css'
import type { SandboxDefinition } from './types'

/**
 * What a sandbox shows before Sandpack has loaded (and what it shows without JavaScript): the
 * code the editor will open on, in the same box, so the reader can start reading at once. Its
 * lines wrap where the editor's will (sandbox.module.css), so the text does not move at the swap.
 */
export function SandboxPlaceholder({
  sandbox,
  describedBy,
}: {
  sandbox: SandboxDefinition
  /** The id of the caption under the sandbox. */
  describedBy: string
}) {
  return (
    <section
      className={styles.frame}
      aria-label={sandbox.title}
      aria-describedby={describedBy}
      aria-busy="true"
    >
      <div className={styles.toolbar}>
        <h3 className={styles.title}>{sandbox.title}</h3>
        <button className={styles.button} type="button" disabled>
          Reset
        </button>
        <button className={styles.button} type="button" disabled>
          Fork
        </button>
      </div>
      <div className={styles.panes}>
        <div className={`${styles.pane} ${styles.editorPane}`}>
          <div className={`${styles.files} ${styles.placeholderFiles}`}>
            {Object.entries(sandbox.files)
              .filter(([, file]) => !file.hidden)
              .map(([path]) => (
                <span key={path} className={styles.file}>
                  {path.replace(/^\//, '')}
                </span>
              ))}
          </div>
          <pre className={styles.placeholderCode} tabIndex={0}>
            <code>{sandbox.files[sandbox.activeFile]?.code}</code>
          </pre>
        </div>
        <div className={styles.pane}>
          <p className={styles.placeholderPreview}>The live preview loads here…</p>
        </div>
      </div>
    </section>
  )
}
