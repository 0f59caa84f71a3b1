import type { Page } from '@playwright/test'

declare global {
  interface Window {
    layoutShiftSoFar: number
  }
}

/**
 * Sums, from the first paint of every document the page loads, each layout shift not caused by
 * input, as Lighthouse's CLS does. Call before `page.goto`; read with `layoutShiftSoFar`.
 */
export async function watchLayoutShift(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.layoutShiftSoFar = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number
        hadRecentInput: boolean
      })[]) {
        if (!entry.hadRecentInput) window.layoutShiftSoFar += entry.value
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

/** The layout shift summed since the current document's first paint (see watchLayoutShift). */
export const layoutShiftSoFar = (page: Page): Promise<number> =>
  page.evaluate(() => window.layoutShiftSoFar)
