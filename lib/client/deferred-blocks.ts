import Router from 'next/router'

import { DEFER_BLOCKS_ATTRIBUTE } from '@/lib/theme/before-paint.mjs'

/**
 * The chapter blocks components/global.css lets the browser skip while they are off screen.
 * Keep in step with the selector there.
 */
export const DEFERRABLE_BLOCKS = '.nextra-content > main > :is(p, ul, ol, table)'

/**
 * How many elements one idle slice hands back to the browser to style and lay out: 2–10 ms of
 * rendering per slice in Chromium traces of /guide/reference here, unthrottled, so a phone four
 * times slower stays under the 50 ms that makes a long task. Twice as many made one frame in a
 * trace 29 ms long (new font faces are slow to look up on Linux).
 */
const ELEMENTS_PER_SLICE = 40

/**
 * Draws the blocks the browser was allowed to skip on the first paint, a few at a time while
 * it is idle, and every one at once before anything needs their real heights: a jump to a place
 * in the page, a route change, printing.
 *
 * why: a skipped block stands in at a guessed height until the reader scrolls near it. Reading
 * down the page that is invisible (it is drawn before it comes into view), but a jump lands
 * where the guesses put its target, and a block drawn beside it would then push it away.
 * Drawing everything soon after load keeps the first paint cheap and the page's geometry real
 * for everything after it. Returns a function that stops (for the effect that calls it).
 */
export function drawDeferredBlocks(): () => void {
  const root = document.documentElement
  if (!root.hasAttribute(DEFER_BLOCKS_ATTRIBUTE)) return () => undefined

  let idleHandle = requestIdleCallback(drawSlice)

  function drawSlice() {
    let budget = ELEMENTS_PER_SLICE
    for (const block of document.querySelectorAll<HTMLElement>(DEFERRABLE_BLOCKS)) {
      if (block.style.contentVisibility === 'visible') continue
      if (budget <= 0) {
        idleHandle = requestIdleCallback(drawSlice)
        return
      }
      block.style.contentVisibility = 'visible'
      budget -= 1 + block.getElementsByTagName('*').length
    }
    drawAll()
  }

  function drawAll() {
    stop()
    root.removeAttribute(DEFER_BLOCKS_ATTRIBUTE)
  }

  // Capturing, so the blocks are drawn before the browser follows the link and scrolls.
  function onClick(event: MouseEvent) {
    const link = event.target instanceof Element ? event.target.closest('a[href*="#"]') : null
    if (link) drawAll()
  }

  function stop() {
    cancelIdleCallback(idleHandle)
    document.removeEventListener('click', onClick, true)
    window.removeEventListener('hashchange', drawAll)
    window.removeEventListener('beforeprint', drawAll)
    Router.events.off('routeChangeStart', drawAll)
  }

  document.addEventListener('click', onClick, true)
  window.addEventListener('hashchange', drawAll)
  window.addEventListener('beforeprint', drawAll)
  Router.events.on('routeChangeStart', drawAll)
  return stop
}
