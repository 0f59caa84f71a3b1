import type { BrowserContext, Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { listDocRoutes, readDocSource } from '../support/site-pages'

/**
 * Issue #25: a diagram whose drawing is wider than the column is scaled down to fit, and its text
 * with it. Every diagram's words must stay at 12 CSS px or more as the reader sees them, on a
 * 1280 px desktop and on a 390 px phone, in both colour themes.
 */
const SMALLEST_TEXT_PX = 12
const PHONE_WIDTH = 390
const DIAGRAM_IMAGES = 'img[src*="/diagrams/"]'

// why not /account: a signed-out reader is sent on to /lab as soon as the session check answers,
// so the page may change under the measurement; /lab is measured as itself, and the test below
// makes sure /account has no diagram of its own.
const ROUTES = listDocRoutes().filter((route) => route !== '/account')

/** The chapter's mermaid blocks, each drawn as one image per theme (lib/mdx/mermaid-diagrams.mjs). */
const diagramsIn = (route: string) => readDocSource(route).match(/^```mermaid$/gm)?.length ?? 0

interface Drawing {
  /** The drawing's own size: its root element's width and height attributes. */
  width: number
  height: number
  /** Each run of visible text, with its font size in px when the drawing is at its own size. */
  texts: { text: string; px: number }[]
}

/**
 * Opens the SVG file itself, so its own style sheet applies as it does inside an <img>, and reads
 * every visible text's computed font size times the scale from its user units to the drawing's
 * own size (the viewBox against the width and height attributes, and any transform on the way).
 */
async function readDrawing(context: BrowserContext, url: string): Promise<Drawing> {
  const page = await context.newPage()
  try {
    const response = await page.goto(url)
    expect(response?.headers()['content-type']).toContain('image/svg+xml')
    return await page.evaluate(() => {
      const root = document.documentElement as unknown as SVGSVGElement
      const texts: { text: string; px: number }[] = []
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? ''
        const element = node.parentElement
        if (!text || !element || element.closest('style, title, desc, script, defs')) continue
        if (element.getClientRects().length === 0) continue // not drawn (display: none)
        const graphic =
          element instanceof SVGGraphicsElement ? element : element.closest('foreignObject')
        const matrix = graphic instanceof SVGGraphicsElement ? graphic.getScreenCTM() : null
        const scale = matrix ? Math.sqrt(Math.abs(matrix.a * matrix.d - matrix.b * matrix.c)) : 1
        texts.push({ text, px: parseFloat(getComputedStyle(element).fontSize) * scale })
      }
      return {
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        texts,
      }
    })
  } finally {
    await page.close()
  }
}

/** Each diagram image the reader sees now: which file it shows and at what size. */
async function visibleDiagrams(page: Page) {
  const images = page.locator(DIAGRAM_IMAGES)
  for (const image of await images.all()) {
    // why: a block below the first screen may be skipped (content-visibility) until it is near.
    if (await image.isVisible()) await image.scrollIntoViewIfNeeded()
  }
  return images.evaluateAll(async (elements) => {
    const shown = (elements as HTMLImageElement[]).filter((image) => image.offsetWidth > 0)
    await Promise.all(shown.map((image) => image.decode()))
    return shown.map((image) => {
      const box = image.getBoundingClientRect()
      return {
        src: image.currentSrc,
        alt: image.alt,
        width: box.width,
        height: box.height,
        widthAttribute: image.getAttribute('width'),
        heightAttribute: image.getAttribute('height'),
      }
    })
  })
}

test.describe('every diagram’s text is at least 12 px as the reader sees it', () => {
  test.beforeEach(async ({ page, isMobile }) => {
    if (isMobile) await page.setViewportSize({ width: PHONE_WIDTH, height: 844 })
    else expect(page.viewportSize()?.width).toBe(1280)
  })

  test('/account has no diagram of its own (it is left out below) @phone', () => {
    expect(diagramsIn('/account')).toBe(0)
  })

  for (const route of ROUTES) {
    test(`${route} @phone`, async ({ page, context }) => {
      const expected = diagramsIn(route)
      await page.goto(route)
      const drawings = new Map<string, Promise<Drawing>>()
      const problems: string[] = []
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme })
        await page.evaluate((dark) => {
          document.documentElement.classList.toggle('dark', dark)
        }, theme === 'dark')
        const shown = await visibleDiagrams(page)
        // Each mermaid block is on the page, once per theme: the test measures every one.
        expect(shown, `${theme} diagrams on ${route}`).toHaveLength(expected)
        for (const diagram of shown) {
          // Sized before it arrives, so nothing below it moves (tests/e2e/deferred-blocks.spec.ts).
          expect(Number(diagram.widthAttribute), diagram.src).toBeGreaterThan(0)
          expect(Number(diagram.heightAttribute), diagram.src).toBeGreaterThan(0)
          if (!drawings.has(diagram.src))
            drawings.set(diagram.src, readDrawing(context, diagram.src))
          const drawing = await (drawings.get(diagram.src) as Promise<Drawing>)
          expect(drawing.texts.length, `text in ${diagram.src}`).toBeGreaterThan(0)
          // The image shows the drawing scaled to its box, keeping its proportions.
          const scale = Math.min(diagram.width / drawing.width, diagram.height / drawing.height)
          const smallest = drawing.texts.reduce((a, b) => (b.px < a.px ? b : a))
          const seen = smallest.px * scale
          if (seen < SMALLEST_TEXT_PX) {
            problems.push(
              `${theme} "${diagram.alt.split('.')[0]}" (${diagram.src}): a ${drawing.width} px ` +
                `drawing shown ${diagram.width.toFixed(0)} px wide puts "${smallest.text}" at ` +
                `${seen.toFixed(1)} px`,
            )
          }
        }
      }
      expect(problems, `diagram text below ${SMALLEST_TEXT_PX} px`).toEqual([])
    })
  }
})
