import type { Locator } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { isDeferring } from '../support/deferred-blocks'
import { rightEdgeBrightness } from '../support/edge-brightness'

/** Chapters whose code blocks include some with lines too long for a 1280-wide desktop. */
const ROUTES = ['/guide/setup', '/guide/callbacks', '/guide/backend-tokens', '/guide/sign-in-form']

test.describe('a code block whose lines overflow shows that it scrolls', () => {
  test.beforeEach(async ({ page }) => {
    // why: only backgrounds are measured; text passing under the edge would darken it too.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style')
        style.textContent = '.nextra-code pre * { color: transparent !important; }'
        document.head.append(style)
      })
    })
  })

  for (const theme of ['light', 'dark'] as const) {
    test(`a shadow at the right edge while lines run past it, none once scrolled to the end or when they fit (${theme})`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: theme })
      let overflowing: Locator | null = null
      let fitting: Locator | null = null
      for (const route of ROUTES) {
        await page.goto(route)
        // why: a block off screen is drawn late (lib/client/deferred-blocks.ts); measure drawn ones.
        await expect.poll(() => isDeferring(page)).toBe(false)
        const blocks = page.locator('.nextra-code > pre')
        for (let i = 0; i < (await blocks.count()); i++) {
          const pre = blocks.nth(i)
          await pre.scrollIntoViewIfNeeded()
          await page.evaluate(
            () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
          )
          const extra = await pre.evaluate((el) => el.scrollWidth - el.clientWidth)
          if (extra > 40 && !overflowing) overflowing = pre
          if (extra <= 0 && !fitting) fitting = pre
        }
        if (overflowing && fitting) break
      }
      if (!overflowing || !fitting) throw new Error('No overflowing and fitting blocks found')

      await fitting.scrollIntoViewIfNeeded()
      const fits = await rightEdgeBrightness(page, fitting)
      await overflowing.scrollIntoViewIfNeeded()
      const atStart = await rightEdgeBrightness(page, overflowing)
      await overflowing.evaluate((el) => el.scrollTo({ left: el.scrollWidth }))
      const atEnd = await rightEdgeBrightness(page, overflowing)

      // The shadow darkens a light block and lightens a dark one, by far more than noise.
      const shade = (value: number) => (theme === 'light' ? 255 - value : value)
      expect(shade(atStart), `edge while lines run past it (${atStart})`).toBeGreaterThan(
        shade(fits) + 12,
      )
      expect(
        Math.abs(atEnd - fits),
        `edge at the end (${atEnd}) vs fitting (${fits})`,
      ).toBeLessThan(4)
    })
  }
})
