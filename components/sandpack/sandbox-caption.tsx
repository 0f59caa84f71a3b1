import styles from './sandbox.module.css'
import type { SandboxDefinition } from './types'

/**
 * The one line under a sandbox that says what runs in it: not next-auth, but a model of it that
 * the handbook's tests hold to the real library (tests/unit/sandbox-models*.test.ts).
 */
export function SandboxCaption({ id, sandbox }: { id: string; sandbox: SandboxDefinition }) {
  const model = sandbox.files[sandbox.model]
  // why: a caption naming a file the reader cannot open would mislead; fail the build instead.
  if (!model?.readOnly || model.hidden) {
    throw new Error(
      `Sandbox "${sandbox.title}": its model ${sandbox.model} must be one of its files, visible and read-only.`,
    )
  }
  return (
    <p id={id} className={styles.caption}>
      Runs in your browser, with no server: <code>{sandbox.model.replace(/^\//, '')}</code> is a
      model of next-auth 4.24 that the handbook’s tests check against the real library.
    </p>
  )
}
