import { expect, test } from '@playwright/test'

import { serveNpmFromNodeModules } from '../../support/offline-npm'
import {
  CHAPTER_SANDBOXES,
  PREVIEW_READY_MS,
  SANDBOX_TEST_TIMEOUT_MS,
  sandboxOf,
} from '../../support/sandbox'

declare global {
  interface Window {
    __layoutShift: number
  }
}

for (const { route, title } of CHAPTER_SANDBOXES) {
  test(`${route} shifts no layout when its sandbox arrives @phone`, async ({ page, context }) => {
    test.setTimeout(SANDBOX_TEST_TIMEOUT_MS)
    await serveNpmFromNodeModules(context)
    // Sum every layout shift not caused by input, as Lighthouse's CLS does, from the first paint.
    await page.addInitScript(() => {
      window.__layoutShift = 0
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number
          hadRecentInput: boolean
        })[]) {
          if (!entry.hadRecentInput) window.__layoutShift += entry.value
        }
      }).observe({ type: 'layout-shift', buffered: true })
    })
    await page.goto(route)
    const sandbox = sandboxOf(page, title)
    const before = await sandbox.region.boundingBox()
    await sandbox.open()
    await expect(sandbox.preview.locator('main, form').first()).toBeVisible({
      timeout: PREVIEW_READY_MS,
    })
    const after = await sandbox.region.boundingBox()
    expect(after?.height).toBe(before?.height)
    expect(await page.evaluate(() => window.__layoutShift)).toBeLessThan(0.02)
    // The sandbox fits the screen: no sideways scrolling on a phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
  })
}
