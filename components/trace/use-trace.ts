import type { RefObject } from 'react'
import { useCallback, useEffect, useState } from 'react'

import type { TracedRequest } from '@/lib/trace/types'

/** At most once a second, and only while the panel is on screen and the tab is visible. */
export const TRACE_POLL_INTERVAL_MS = 1_000

/**
 * The reader's own trace, kept fresh by polling `/api/trace` while `panel` is visible. The
 * first request also hands the reader the trace cookie that turns recording on.
 */
export function useTrace(panel: RefObject<HTMLElement | null>) {
  const [requests, setRequests] = useState<TracedRequest[]>([])
  const [failed, setFailed] = useState(false)
  const [visible, setVisible] = useState(false)

  const load = useCallback(async () => {
    try {
      const response = await fetch('/api/trace', { cache: 'no-store' })
      if (!response.ok) throw new Error(String(response.status))
      const body = (await response.json()) as { requests: TracedRequest[] }
      setRequests(body.requests)
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }, [])

  useEffect(() => {
    const element = panel.current
    if (!element) return
    const observer = new IntersectionObserver(([entry]) =>
      setVisible(Boolean(entry?.isIntersecting)),
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [panel])

  useEffect(() => {
    if (!visible) return
    void load()
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load()
    }, TRACE_POLL_INTERVAL_MS)
    return () => clearInterval(timer)
  }, [visible, load])

  const clear = useCallback(async () => {
    await fetch('/api/trace', { method: 'DELETE' })
    setRequests([])
  }, [])

  return { requests, failed, clear }
}
