import { useEffect, useState } from 'react'

import { activeHeadingIndex } from './active-heading'

/**
 * The id of the heading whose section is in view (see activeHeadingIndex), or null before the
 * first one. Read again once per frame while the page scrolls or is resized; null on the server
 * and in the first render, so the page hydrates as it was sent.
 */
export function useActiveHeading(ids: readonly string[]): string | null {
  const [activeId, setActiveId] = useState<string | null>(null)
  const key = ids.join('\n')

  useEffect(() => {
    const headingIds = key === '' ? [] : key.split('\n')
    let frame = 0
    const measure = () => {
      frame = 0
      const navbar = parseFloat(
        getComputedStyle(document.body).getPropertyValue('--nextra-navbar-height'),
      )
      const headings = headingIds.flatMap((id) => {
        const element = document.getElementById(id)
        return element ? [{ id, box: element.getBoundingClientRect() }] : []
      })
      const index = activeHeadingIndex(
        headings.map(({ box }) => box),
        Number.isFinite(navbar) ? navbar : 0,
        window.innerHeight / 2,
      )
      setActiveId(headings[index]?.id ?? null)
    }
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(measure)
    }
    schedule()
    window.addEventListener('scroll', schedule, { passive: true })
    window.addEventListener('resize', schedule, { passive: true })
    return () => {
      window.removeEventListener('scroll', schedule)
      window.removeEventListener('resize', schedule)
      cancelAnimationFrame(frame)
    }
  }, [key])

  return activeId
}
