import { SandpackCodeEditor, SandpackPreview, SandpackProvider } from '@codesandbox/sandpack-react'
import { useTheme } from 'nextra-theme-docs'
import type { RefObject } from 'react'
import { useEffect, useMemo, useRef } from 'react'

import { bundlerUrlFor } from './bundler-url'
import { SandboxError } from './sandbox-error'
import { SandboxFileTabs } from './sandbox-file-tabs'
import { SandboxNpmStatus } from './sandbox-npm-status'
import { SandboxToolbar } from './sandbox-toolbar'
import styles from './sandbox.module.css'
import { darkTheme, lightTheme } from './themes'
import type { SandboxDefinition } from './types'

/**
 * Makes CodeMirror's scrolling box reachable by keyboard, also for read-only files, whose
 * content is not focusable (axe: scrollable-region-focusable). The editor replaces the box
 * when the reader switches files, hence the observer.
 */
function useFocusableScrollers(container: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const element = container.current
    if (!element) return
    const mark = () =>
      // why: CodeMirror gives its scroller tabIndex -1, which keeps it out of the tab order.
      element.querySelectorAll<HTMLElement>('.cm-scroller').forEach((scroller) => {
        if (scroller.tabIndex !== 0) scroller.tabIndex = 0
      })
    mark()
    const observer = new MutationObserver(mark)
    observer.observe(element, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [container])
}

/**
 * The live sandbox: Sandpack's editor (with file tabs) above its preview, our toolbar above both
 * and our error and network notices over the preview. Loaded lazily by ./index.tsx.
 */
export function SandboxPlayer({
  sandbox,
  describedBy,
}: {
  sandbox: SandboxDefinition
  /** The id of the caption under the sandbox. */
  describedBy: string
}) {
  const { resolvedTheme } = useTheme()
  const frame = useRef<HTMLElement>(null)
  useFocusableScrollers(frame)
  const bundlerURL = useMemo(() => bundlerUrlFor(window.location), [])
  const visibleFiles = Object.entries(sandbox.files)
    .filter(([, file]) => !file.hidden)
    .map(([path]) => path)

  return (
    <SandpackProvider
      template={sandbox.template}
      files={sandbox.files}
      theme={resolvedTheme === 'dark' ? darkTheme : lightTheme}
      options={{
        bundlerURL,
        activeFile: sandbox.activeFile,
        visibleFiles,
        // why: a preview that scrolled away stops compiling; readers have many tabs open.
        initMode: 'user-visible',
        // why: Sandpack gives up on its bundler after 40 s; a phone on a slow network can need
        // longer to fetch and start it, and a late preview is better than a timeout error.
        bundlerTimeOut: 120_000,
        recompileMode: 'delayed',
        recompileDelay: 400,
      }}
    >
      <section
        ref={frame}
        className={styles.frame}
        aria-label={sandbox.title}
        aria-describedby={describedBy}
      >
        <SandboxToolbar title={sandbox.title} />
        <div className={styles.panes}>
          <div className={`${styles.pane} ${styles.editorPane}`}>
            <SandboxFileTabs />
            <SandpackCodeEditor style={{ flex: 1, minHeight: 0 }} showTabs={false} wrapContent />
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
            <SandboxNpmStatus />
          </div>
        </div>
      </section>
    </SandpackProvider>
  )
}
