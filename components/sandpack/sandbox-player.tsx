import { SandpackCodeEditor, SandpackPreview, SandpackProvider } from '@codesandbox/sandpack-react'
import { useTheme } from 'nextra-theme-docs'
import { useMemo } from 'react'

import { bundlerUrlFor } from './bundler-url'
import { SandboxError } from './sandbox-error'
import { SandboxToolbar } from './sandbox-toolbar'
import styles from './sandbox.module.css'
import type { SandboxDefinition } from './types'

/**
 * The live sandbox: Sandpack's editor (with file tabs) beside its preview, our toolbar above and
 * our error overlay over the preview. Loaded lazily by ./index.tsx.
 */
export function SandboxPlayer({ sandbox }: { sandbox: SandboxDefinition }) {
  const { resolvedTheme } = useTheme()
  const bundlerURL = useMemo(() => bundlerUrlFor(window.location), [])
  const visibleFiles = Object.entries(sandbox.files)
    .filter(([, file]) => !file.hidden)
    .map(([path]) => path)

  return (
    <SandpackProvider
      template={sandbox.template}
      files={sandbox.files}
      theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
      options={{
        bundlerURL,
        activeFile: sandbox.activeFile,
        visibleFiles,
        // why: a preview that scrolled away stops compiling; readers have many tabs open.
        initMode: 'user-visible',
        recompileMode: 'delayed',
        recompileDelay: 400,
      }}
    >
      <section className={styles.frame} aria-label={sandbox.title}>
        <SandboxToolbar title={sandbox.title} />
        <div className={styles.panes}>
          <div className={styles.pane}>
            <SandpackCodeEditor style={{ height: '100%' }} showTabs wrapContent />
          </div>
          <div className={styles.pane}>
            <SandpackPreview
              style={{ height: '100%' }}
              // why: the preview otherwise opens the bundler's `/`, which the site's server
              // cannot hand to the bundler (see next.config.mjs); its page is /index.html.
              startRoute="/index.html"
              showOpenInCodeSandbox={false}
              showSandpackErrorOverlay={false}
            />
            <SandboxError />
          </div>
        </div>
      </section>
    </SandpackProvider>
  )
}
