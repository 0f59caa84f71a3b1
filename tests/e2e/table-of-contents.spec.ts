import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { isDeferring } from '../support/deferred-blocks'
import { labOf } from '../support/lab'

/**
 * The table of contents beside a chapter (desktop: the theme shows it from 1280 px): it marks
 * the section the reader is in, and a jump from it lands on the heading and stays there.
 */

const contentsOf = (page: Page) => page.getByRole('navigation', { name: 'table of contents' })

/** The `href` of the entry the theme marks as the section in view, or null when none is. */
const activeEntry = (page: Page) =>
  contentsOf(page)
    .locator('ul a')
    .evaluateAll(
      (links) =>
        links.find((link) => link.classList.contains('_text-primary-600'))?.getAttribute('href') ??
        null,
    )

/** Scrolls at once (as dragging the scroll bar or pressing Home does) to `top`. */
const scrollTo = (page: Page, top: number) =>
  page.evaluate((y) => window.scrollTo({ top: y, behavior: 'instant' }), top)

/** Where each h2 of the chapter starts, from the top of the document. */
const sectionTops = (page: Page) =>
  page
    .locator('article main h2[id]')
    .evaluateAll((headings) =>
      headings.map((h) => ({ id: h.id, top: h.getBoundingClientRect().top + window.scrollY })),
    )

// The TOC is hidden below 1280 px, so there is nothing to check on a phone.
const LONG_CHAPTER = '/guide/callbacks'

test('the contents mark the section in view as the reader scrolls down, and let go of it back at the top', async ({
  page,
}) => {
  await page.goto(LONG_CHAPTER)
  await expect.poll(() => isDeferring(page)).toBe(false)
  await page.waitForLoadState('networkidle')
  const viewport = page.viewportSize()?.height ?? 720

  const ids = (await sectionTops(page)).map(({ id }) => id)
  expect(ids.length).toBeGreaterThanOrEqual(4)
  // At the top the introduction fills the screen: at most the first section's heading is
  // coming into view, and nothing further down may be marked.
  const atTop = [null, `#${ids[0]}`]
  expect(atTop).toContain(await activeEntry(page))

  // Down the chapter, jumping as Page Down or the scroll bar does. (Widgets load as they come
  // near and the headings below them move, so their places are read again before each jump.)
  for (const [index, id] of ids.entries()) {
    // The heading just under the navbar: its section.
    const top = (await sectionTops(page))[index]?.top ?? 0
    await scrollTo(page, top - 100)
    await expect.poll(() => activeEntry(page), { message: `${id} at the top` }).toBe(`#${id}`)

    // Deep in a long section, its heading off screen and the next one still low: the same.
    const next = (await sectionTops(page))[index + 1]?.top
    if (next !== undefined && next - top > viewport) {
      await scrollTo(page, next - viewport * 0.75)
      await expect.poll(() => activeEntry(page), { message: `inside ${id}` }).toBe(`#${id}`)
    }
  }

  // Back to the top at once: the last section is not marked any more.
  await scrollTo(page, 0)
  await page.waitForTimeout(300)
  expect(atTop).toContain(await activeEntry(page))

  // And straight from the top to the third section, past the two before it.
  const third = (await sectionTops(page))[2]
  if (!third) throw new Error('the chapter has fewer than three sections')
  await scrollTo(page, third.top - 100)
  await expect.poll(() => activeEntry(page)).toBe(`#${third.id}`)
})

test('a jump from the contents to a section below the lab and trace stays put while they load', async ({
  page,
}) => {
  await page.goto(LONG_CHAPTER)
  const { lab, trace } = labOf(page)
  // Both still stand in for themselves: they load only when the reader comes near.
  await expect(lab).toHaveAttribute('aria-busy', 'true')
  await expect(trace).toHaveAttribute('aria-busy', 'true')

  const entry = contentsOf(page).getByRole('link', { name: 'Try it: edit the callbacks' })
  const target = page.locator('article main h2[id]', { hasText: 'Try it: edit the callbacks' })
  await entry.click()
  await expect(page).toHaveURL(/#try-it-edit-the-callbacks$/)
  const landed = await target.evaluate((heading) => heading.getBoundingClientRect().top)
  // In sight: below the sticky navbar, near the top.
  const navbarBottom = await page
    .locator('.nextra-nav-container')
    .evaluate((navbar) => navbar.getBoundingClientRect().bottom)
  expect(landed).toBeGreaterThanOrEqual(navbarBottom - 1)
  expect(landed).toBeLessThan(navbarBottom + 120)

  // The panels above it fill in; the heading does not move.
  await expect(trace).not.toHaveAttribute('aria-busy', 'true', { timeout: 20_000 })
  await expect(lab).not.toHaveAttribute('aria-busy', 'true', { timeout: 20_000 })
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(500)
  const after = await target.evaluate((heading) => heading.getBoundingClientRect().top)
  expect(Math.abs(after - landed)).toBeLessThanOrEqual(3)
})
