import type { ComponentType, ErrorInfo, ReactNode } from 'react'
import { Component, lazy, startTransition, Suspense, useEffect, useRef, useState } from 'react'

/** How far below the viewport a widget starts loading, so it is ready when it scrolls in. */
const PRELOAD_MARGIN = '600px 0px'

/**
 * Shows `placeholder` (also on the server) until the box comes near the viewport, then
 * `children`. why: an interactive widget further down a chapter would otherwise load and render
 * while the reader's phone is still busy with the page itself (Lighthouse TBT,
 * `npm run bench:pages`); the placeholder has the widget's size, so nothing moves when it swaps.
 * The swap is a transition, so React renders the widget in short slices rather than one long
 * task: a widget near the top of a chapter swaps in while the page is still loading.
 */
export function LoadWhenNear({
  placeholder,
  children,
}: {
  placeholder: ReactNode
  children: ReactNode
}) {
  const anchor = useRef<HTMLDivElement>(null)
  const [isNear, setIsNear] = useState(false)

  useEffect(() => {
    const element = anchor.current
    if (!element) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          startTransition(() => setIsNear(true))
          observer.disconnect()
        }
      },
      { rootMargin: PRELOAD_MARGIN },
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  return (
    <div ref={anchor}>
      {isNear ? <LoadFailure placeholder={placeholder}>{children}</LoadFailure> : placeholder}
    </div>
  )
}

/**
 * A client-only widget that loads its code once the reader scrolls near it, showing
 * `Placeholder` (same size) until then and while its chunk downloads.
 * why `lazy` and not `next/dynamic`: the pages router's `dynamic` re-renders through
 * `useSyncExternalStore` when the chunk arrives, which React always renders synchronously, in
 * one task; a lazy component that resolves inside a transition is rendered in slices.
 */
export function loadWhenNear<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
  Placeholder: ComponentType,
): ComponentType<Props> {
  const Live = lazy(() => load().then((component) => ({ default: component })))
  function NearWidget(props: Props) {
    return (
      <LoadWhenNear placeholder={<Placeholder />}>
        <Suspense fallback={<Placeholder />}>
          <Live {...props} />
        </Suspense>
      </LoadWhenNear>
    )
  }
  return NearWidget
}

/**
 * When a widget's code cannot be fetched (the reader went offline, or a new deployment removed
 * the old chunks), the placeholder stays and says so, and the rest of the chapter keeps working.
 */
class LoadFailure extends Component<
  { placeholder: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('A widget failed to load', error, info.componentStack)
  }

  override render() {
    if (!this.state.failed) return this.props.children
    return (
      <>
        <p role="alert">This part of the page could not load. Reload the page to try again.</p>
        {this.props.placeholder}
      </>
    )
  }
}
