import { lazy, Suspense, useId } from 'react'

import { LoadWhenNear } from '@/components/load-when-near'

import { SandboxCaption } from './sandbox-caption'
import { SandboxPlaceholder } from './sandbox-placeholder'
import type { SandboxDefinition } from './types'

/** Sandpack (~200 kB of editor and client) loads only for a sandbox the reader scrolls near. */
const SandboxPlayer = lazy(() =>
  import('./sandbox-player').then((module) => ({ default: module.SandboxPlayer })),
)

/**
 * An editable, runnable example. Renders its code at once (also on the server); swaps in the
 * live editor and preview when it comes near the viewport, in a box of the same size. The
 * caption under the box stays put through the swap.
 */
export function Sandbox({ sandbox }: { sandbox: SandboxDefinition }) {
  const captionId = useId()
  const placeholder = <SandboxPlaceholder sandbox={sandbox} describedBy={captionId} />
  return (
    <>
      <LoadWhenNear placeholder={placeholder}>
        <Suspense fallback={placeholder}>
          <SandboxPlayer sandbox={sandbox} describedBy={captionId} />
        </Suspense>
      </LoadWhenNear>
      <SandboxCaption id={captionId} sandbox={sandbox} />
    </>
  )
}

export type { SandboxDefinition } from './types'
