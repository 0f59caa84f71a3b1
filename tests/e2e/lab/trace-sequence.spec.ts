import type { Locator, Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { blockingAxeViolations } from '../../support/axe'
import { rightEdgeBrightness } from '../../support/edge-brightness'
import { openLab } from '../../support/lab'
import { scrollToWidget } from '../../support/widgets'

/**
 * The lab's live sequence diagram, drawn by mermaid in the reader's browser from their own trace.
 * Issue #25's rule for diagrams holds here too: every word at 12 CSS px or more, on a 1280 px
 * desktop and a 390 px phone, in both themes. Where the drawing is wider than the panel, the box
 * scrolls sideways and takes the keyboard's focus.
 */
const SMALLEST_TEXT_PX = 12
const PHONE_WIDTH = 390

test.beforeEach(async ({ page, isMobile }) => {
  if (isMobile) await page.setViewportSize({ width: PHONE_WIDTH, height: 844 })
  else expect(page.viewportSize()?.width).toBe(1280)
})

/** Signs in with the lab's demo account and returns the sequence diagram's box, once drawn. */
async function signInAndShowDiagram(page: Page): Promise<Locator> {
  const lab = await openLab(page)
  await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')
  const panel = page.getByRole('region', { name: 'Your trace as a sequence diagram' })
  await scrollToWidget(panel)
  const box = panel.getByRole('group', { name: 'Sequence diagram' })
  // why: the trace panel above grows as the sign-in's requests fill it, which can push this
  // panel back below the screen, and it draws only while on screen.
  await expect(async () => {
    await panel.scrollIntoViewIfNeeded()
    await expect(box.locator('svg')).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
  return box
}

test('the live sequence diagram draws the sign-in’s callbacks with text of 12 px or more @phone', async ({
  page,
  isMobile,
}) => {
  const box = await signInAndShowDiagram(page)
  // The sign-in's callbacks are drawn.
  for (const step of ['authorize', 'signIn', 'jwt', 'session']) {
    await expect(
      box.locator('svg text', { hasText: new RegExp(`^${step}$`) }).first(),
    ).toBeVisible()
  }

  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate(
      (dark) => document.documentElement.classList.toggle('dark', dark),
      theme === 'dark',
    )
    // why: the diagram is drawn again when the theme changes; wait for the new drawing's colours.
    await expect(box.locator('svg')).toHaveCount(1)
    const texts = await box.locator('svg text').evaluateAll((elements) =>
      elements
        .filter((element) => (element.textContent ?? '').trim() !== '')
        .map((element) => {
          const matrix = (element as SVGGraphicsElement).getScreenCTM()
          const scale = matrix ? Math.sqrt(Math.abs(matrix.a * matrix.d - matrix.b * matrix.c)) : 1
          return {
            text: element.textContent?.trim() ?? '',
            px: parseFloat(getComputedStyle(element).fontSize) * scale,
          }
        }),
    )
    expect(texts.length, `${theme}: text in the diagram`).toBeGreaterThan(10)
    const small = texts.filter((text) => text.px < SMALLEST_TEXT_PX)
    expect(small, `${theme}: diagram text below ${SMALLEST_TEXT_PX} px`).toEqual([])
  }

  const overflow = await box.evaluate((element) => element.scrollWidth - element.clientWidth)
  // On a phone the drawing is wider than the panel: it scrolls rather than shrinking its words.
  if (isMobile) expect(overflow).toBeGreaterThan(0)
  await box.focus()
  await expect(box).toBeFocused()
  if (overflow > 0) {
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => box.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0)
  }

  // The drawing appears only once signed in, so the page-wide axe scan never sees it.
  expect(
    await blockingAxeViolations(page, '[aria-label="Your trace as a sequence diagram"]'),
  ).toEqual([])
})

test('on a phone the diagram’s box shows a shadow at its right edge until it is scrolled to the end @phone-only', async ({
  page,
}) => {
  const box = await signInAndShowDiagram(page)
  // why: only the box's backgrounds are measured; the drawing keeps its size but is not painted.
  await page.addStyleTag({ content: '[aria-label="Sequence diagram"] svg { visibility: hidden }' })

  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate(
      (dark) => document.documentElement.classList.toggle('dark', dark),
      theme === 'dark',
    )
    await box.evaluate((element) => element.scrollTo({ left: 0 }))
    const atStart = await rightEdgeBrightness(page, box)
    await box.evaluate((element) => element.scrollTo({ left: element.scrollWidth }))
    const atEnd = await rightEdgeBrightness(page, box)
    // The shadow darkens the light page and lightens the dark one, by far more than noise.
    const shade = (value: number) => (theme === 'light' ? 255 - value : value)
    expect(
      shade(atStart),
      `${theme}: edge at the start (${atStart}) vs the end (${atEnd})`,
    ).toBeGreaterThan(shade(atEnd) + 12)
  }
})
