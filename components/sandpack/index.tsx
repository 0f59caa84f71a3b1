import { lazy, Suspense, useEffect, useRef, useState } from 'react'

import { SandboxPlaceholder } from './sandbox-placeholder'
import type { SandboxDefinition } from './types'

/** Sandpack (~200 kB of editor and client) loads only for a sandbox the reader scrolls near. */
const SandboxPlayer = lazy(() =>
  import('./sandbox-player').then((module) => ({ default: module.SandboxPlayer })),
)

/** How far below the viewport a sandbox starts loading, so it is ready when it scrolls in. */
const PRELOAD_MARGIN = '600px 0px'

/**
 * An editable, runnable example. Renders its code at once (also on the server); swaps in the
 * live editor and preview when it comes near the viewport, in a box of the same size.
 */
export function Sandbox({ sandbox }: { sandbox: SandboxDefinition }) {
  const anchor = useRef<HTMLDivElement>(null)
  const [isNear, setIsNear] = useState(false)

  useEffect(() => {
    const element = anchor.current
    if (!element) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setIsNear(true)
          observer.disconnect()
        }
      },
      { rootMargin: PRELOAD_MARGIN },
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const placeholder = <SandboxPlaceholder sandbox={sandbox} />
  return (
    <div ref={anchor}>
      {isNear ? (
        <Suspense fallback={placeholder}>
          <SandboxPlayer sandbox={sandbox} />
        </Suspense>
      ) : (
        placeholder
      )}
    </div>
  )
}

export type { SandboxDefinition } from './types'
