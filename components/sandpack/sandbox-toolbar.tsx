import { UnstyledOpenInCodeSandboxButton, useSandpack } from '@codesandbox/sandpack-react'

import styles from './sandbox.module.css'

/** The sandbox's title, Reset (back to the chapter's code) and Fork (the files, to CodeSandbox). */
export function SandboxToolbar({ title }: { title: string }) {
  const { sandpack } = useSandpack()
  return (
    <div className={styles.toolbar}>
      <h3 className={styles.title}>{title}</h3>
      <button className={styles.button} type="button" onClick={() => sandpack.resetAllFiles()}>
        Reset
      </button>
      <UnstyledOpenInCodeSandboxButton
        className={styles.button}
        title="Fork this sandbox to CodeSandbox"
      >
        Fork
      </UnstyledOpenInCodeSandboxButton>
    </div>
  )
}
