import type { Locator, Page } from '@playwright/test'

/**
 * The mean brightness (0–255) of a strip a few pixels wide just inside the right edge of `box`,
 * decoded by the browser itself. Callers hide the text or drawing in the box first, so that only
 * backgrounds count (the right-edge shadow of a box that scrolls sideways, components/global.css).
 */
export async function rightEdgeBrightness(page: Page, box: Locator): Promise<number> {
  const cssWidth = (await box.boundingBox())?.width ?? 0
  const png = await box.screenshot({ animations: 'disabled' })
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
