import dynamic from 'next/dynamic'
import type { ComponentType, ReactNode } from 'react'
import { useEffect, useRef, useState } from 'react'

/** How far below the viewport a widget starts loading, so it is ready when it scrolls in. */
const PRELOAD_MARGIN = '600px 0px'

/**
 * Shows `placeholder` (also on the server) until the box comes near the viewport, then
 * `children`. why: an interactive widget further down a chapter would otherwise load and render
 * while the reader's phone is still busy with the page itself (Lighthouse TBT,
 * `npm run bench:pages`); the placeholder has the widget's size, so nothing moves when it swaps.
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
          setIsNear(true)
          observer.disconnect()
        }
      },
      { rootMargin: PRELOAD_MARGIN },
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  return <div ref={anchor}>{isNear ? children : placeholder}</div>
}

/**
 * A client-only widget that loads its code once the reader scrolls near it, showing
 * `Placeholder` (same size) until then and while its chunk downloads.
 */
export function loadWhenNear<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
  Placeholder: ComponentType,
): ComponentType<Props> {
  const Live = dynamic(load, { ssr: false, loading: () => <Placeholder /> })
  function NearWidget(props: Props) {
    return (
      <LoadWhenNear placeholder={<Placeholder />}>
        <Live {...props} />
      </LoadWhenNear>
    )
  }
  return NearWidget
}
