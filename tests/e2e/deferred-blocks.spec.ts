import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { DEFERRABLE_BLOCKS } from '../../lib/client/deferred-blocks'
import { DEFER_BLOCKS_ATTRIBUTE } from '../../lib/theme/before-paint.mjs'
import { isDeferring } from '../support/deferred-blocks'
import { layoutShiftSoFar, watchLayoutShift } from '../support/layout-shift'
import { listDocRoutes } from '../support/site-pages'

/**
 * components/global.css lets the browser skip a chapter's blocks below the first screen on a
 * fresh visit; lib/client/deferred-blocks.ts draws them soon after, or at once before a jump.
 */
const LONG_CHAPTER = '/guide/demo-backend'

declare global {
  interface Window {
    skippedBlocks: number
    skippedNow: Set<Element>
    deferredAtBody: boolean | undefined
  }
}

// why not /account: a signed-out reader is sent on to /lab as soon as the session check answers,
// so a measurement there can start on one page and end on the other; /lab is measured as itself.
const PAGES_THAT_STAY = listDocRoutes().filter((route) => route !== '/account')

/** How many of the chapter's blocks the browser is skipping right now (see watchDeferral). */
const countSkipped = (page: Page) =>
  page.evaluate(
    () =>
      [...window.skippedNow].filter(
        (block) => block.isConnected && getComputedStyle(block).contentVisibility === 'auto',
      ).length,
  )

/**
 * Counts the blocks the browser skips, keeps those it skips now, and notes whether deferring
 * was on when <body> began.
 */
async function watchDeferral(page: Page) {
  await page.addInitScript(
    ({ name, blocks }) => {
      window.skippedBlocks = 0
      window.skippedNow = new Set()
      document.addEventListener(
        'contentvisibilityautostatechange',
        (event) => {
          const { skipped, target } = event as ContentVisibilityAutoStateChangeEvent
          if (!(target instanceof Element && target.matches(blocks))) return
          if (skipped) window.skippedBlocks += 1
          window.skippedNow[skipped ? 'add' : 'delete'](target)
        },
        true,
      )
      new MutationObserver((_, observer) => {
        if (!document.body) return
        window.deferredAtBody = document.documentElement.hasAttribute(name)
        observer.disconnect()
      }).observe(document, { childList: true, subtree: true })
    },
    { name: DEFER_BLOCKS_ATTRIBUTE, blocks: DEFERRABLE_BLOCKS },
  )
}

test(`a fresh visit skips the blocks below the first screen and draws them soon after @phone`, async ({
  page,
}) => {
  await watchDeferral(page)
  await page.goto(LONG_CHAPTER)

  expect(await page.evaluate(() => window.deferredAtBody)).toBe(true)
  await expect.poll(() => isDeferring(page)).toBe(false)
  expect(await page.evaluate(() => window.skippedBlocks)).toBeGreaterThan(10)
  const stillSkipped = await page
    .locator(DEFERRABLE_BLOCKS)
    .evaluateAll((blocks) =>
      blocks.filter((block) => !block.checkVisibility({ contentVisibilityAuto: true })),
    )
  expect(stillSkipped).toHaveLength(0)
})

test('an address with a place in the page, or a reload, draws every block at once', async ({
  page,
}) => {
  await watchDeferral(page)
  await page.goto(`${LONG_CHAPTER}#endpoints`)
  expect(await page.evaluate(() => window.deferredAtBody)).toBe(false)

  await page.goto(LONG_CHAPTER)
  expect(await page.evaluate(() => window.deferredAtBody)).toBe(true)
  await page.reload()
  expect(await page.evaluate(() => window.deferredAtBody)).toBe(false)
  expect(await page.evaluate(() => window.skippedBlocks)).toBe(0)
})

test('a link to a place in the page lands on it while blocks are still skipped @phone', async ({
  page,
}) => {
  await watchDeferral(page)
  // The idle drawing never gets its turn here, so the link finds the stand-ins in place.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0
  })
  await page.goto(LONG_CHAPTER)
  expect(await isDeferring(page)).toBe(true)
  expect(await countSkipped(page)).toBeGreaterThan(10)

  const target = page.locator('h2').last()
  const id = await target.getAttribute('id')
  await page.evaluate((hash) => {
    const link = Object.assign(document.createElement('a'), { href: hash, textContent: 'jump' })
    document.querySelector('.nextra-content main')?.prepend(link)
    link.click()
  }, `#${id}`)

  expect(await isDeferring(page)).toBe(false)
  await expect
    .poll(() => target.evaluate((heading) => heading.getBoundingClientRect().top))
    .toBeLessThan(120)
  await page.waitForTimeout(300)
  const top = await target.evaluate((heading) => heading.getBoundingClientRect().top)
  expect(top).toBeGreaterThanOrEqual(0)
  expect(top).toBeLessThan(120)
})

for (const route of PAGES_THAT_STAY) {
  test(`${route}: nothing on screen moves while the skipped blocks are drawn @phone`, async ({
    page,
  }) => {
    await watchLayoutShift(page)
    await page.goto(route)
    await expect.poll(() => isDeferring(page)).toBe(false)
    await page.waitForTimeout(500)
    expect(await layoutShiftSoFar(page)).toBeLessThan(0.01)
  })
}

/** Each block's height and its distance from the element before it. */
const measureBlocks = (page: Page) =>
  page.locator(DEFERRABLE_BLOCKS).evaluateAll((blocks) =>
    blocks.map((block) => {
      const box = block.getBoundingClientRect()
      const before = block.previousElementSibling?.getBoundingClientRect().bottom ?? box.top
      return [Math.round(box.height * 10) / 10, Math.round((box.top - before) * 10) / 10]
    }),
  )

for (const route of PAGES_THAT_STAY) {
  test(`${route}: a block drawn under containment lays out as it does drawn for good @phone`, async ({
    page,
  }) => {
    await watchDeferral(page)
    await page.goto(route)
    await page.waitForLoadState('networkidle')
    await expect.poll(() => isDeferring(page)).toBe(false)
    const drawn = await measureBlocks(page)

    // A screen taller than the page: every block is near it, so every one is drawn, contained.
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    const width = page.viewportSize()?.width ?? 0
    await page.setViewportSize({ width, height: height + 1000 })
    // Every block under containment, the first screen's too, which are never deferred.
    await page.addStyleTag({
      content: `${DEFERRABLE_BLOCKS} { content-visibility: auto !important }`,
    })
    const contained = await page
      .locator(DEFERRABLE_BLOCKS)
      .evaluateAll((blocks) => blocks.map((block) => getComputedStyle(block).contentVisibility))
    expect(new Set(contained)).toEqual(new Set(drawn.length ? ['auto'] : []))
    await expect.poll(() => countSkipped(page)).toBe(0)

    expect(await measureBlocks(page)).toEqual(drawn)
  })
}

/** How many pixels of a screenshot stand out from its top-left corner: the ink in it. */
const countInk = (page: Page, png: Buffer) =>
  page.evaluate(async (base64) => {
    // why: not fetch() of a data: URL, which the site's Content-Security-Policy refuses.
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
    const canvas = new OffscreenCanvas(image.width, image.height)
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no 2d canvas')
    context.drawImage(image, 0, 0)
    const { data } = context.getImageData(0, 0, image.width, image.height)
    let ink = 0
    for (let at = 0; at < data.length; at += 4) {
      if (Math.abs((data[at] ?? 0) - (data[0] ?? 0)) > 64) ink += 1
    }
    return ink
  }, png.toString('base64'))

test('a list drawn under containment keeps its bullets @phone', async ({ page }) => {
  await page.goto(LONG_CHAPTER)
  await expect.poll(() => isDeferring(page)).toBe(false)
  const list = page.locator('.nextra-content > main > ul').first()
  await list.scrollIntoViewIfNeeded()
  const item = await list.locator('li').first().boundingBox()
  const box = await list.boundingBox()
  if (!item || !box) throw new Error('the chapter has no list')
  // The strip left of the items' text, where the bullets are and nothing else is.
  const bullets = { x: item.x - 24, y: box.y, width: 20, height: box.height }
  const drawn = await countInk(page, await page.screenshot({ clip: bullets }))

  await page.addStyleTag({
    content: '.nextra-content > main > ul { content-visibility: auto !important }',
  })
  expect(await list.evaluate((element) => getComputedStyle(element).contentVisibility)).toBe('auto')
  const contained = await countInk(page, await page.screenshot({ clip: bullets }))

  expect(drawn).toBeGreaterThan(20)
  expect(contained).toBeGreaterThan(drawn * 0.9)
})
