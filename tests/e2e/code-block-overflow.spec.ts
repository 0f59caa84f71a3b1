import type { Locator, Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { isDeferring } from '../support/deferred-blocks'

/** Chapters whose code blocks include some with lines too long for a 1280-wide desktop. */
const ROUTES = ['/guide/setup', '/guide/callbacks', '/guide/backend-tokens', '/guide/sign-in-form']

/**
 * The mean brightness (0–255) of a strip a few pixels wide just inside the right edge of `pre`,
 * with its text made transparent so only backgrounds count. Decoded by the browser itself.
 */
async function rightEdgeBrightness(page: Page, pre: Locator): Promise<number> {
  const cssWidth = (await pre.boundingBox())?.width ?? 0
  const png = await pre.screenshot({ animations: 'disabled' })
  return page.evaluate(
    async ({ base64, cssWidth }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
      const canvas = new OffscreenCanvas(image.width, image.height)
      const context = canvas.getContext('2d')
      if (!context) throw new Error('No 2d context')
      context.drawImage(image, 0, 0)
      // why: skip the 1 px ring at the edge; read 6 CSS px from 4 to 10 px inside it.
      const dpr = image.width / cssWidth
      const strip = context.getImageData(
        image.width - Math.round(10 * dpr),
        Math.floor(image.height * 0.2),
        Math.round(6 * dpr),
        Math.floor(image.height * 0.6),
      ).data
      let sum = 0
      for (let i = 0; i < strip.length; i += 4) {
        sum += ((strip[i] ?? 0) + (strip[i + 1] ?? 0) + (strip[i + 2] ?? 0)) / 3
      }
      return sum / (strip.length / 4)
    },
    { base64: png.toString('base64'), cssWidth },
  )
}

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
