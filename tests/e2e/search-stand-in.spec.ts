import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

/**
 * components/search/deferred-search.tsx shows a stand-in until the page is idle. These tests keep
 * the page from ever being idle, so the stand-in is still there when the reader reaches for it.
 */
async function openWithStandIn(page: Page) {
  await page.addInitScript(() => {
    Object.assign(window, { requestIdleCallback: () => 0, cancelIdleCallback: () => {} })
  })
  await page.goto('/guide/how-it-works')
  const standIn = page.getByPlaceholder('Search the handbook…').first()
  await expect(standIn).toHaveAttribute('readonly', '')
  return standIn
}

const focusedSearchBox = (page: Page) =>
  page.locator('input[placeholder="Search the handbook…"]:focus:not([readonly])')

test('clicking the stand-in puts the caret in the real search box, which finds pages', async ({
  page,
}) => {
  const standIn = await openWithStandIn(page)
  await standIn.click()
  await expect(focusedSearchBox(page)).toHaveCount(1)
  const result = page.locator('[role="option"][href^="/guide/setup"]').first()
  // why: the theme drops keystrokes typed while its index loads; type again until it answers.
  await expect(async () => {
    await focusedSearchBox(page).fill('openssl')
    await expect(result).toBeAttached({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
})

test('the theme’s shortcut, /, reaches the real search box before the page is idle', async ({
  page,
}) => {
  await openWithStandIn(page)
  await page.locator('main h1').click()
  await page.keyboard.press('/')
  await expect(focusedSearchBox(page)).toHaveCount(1)
  await expect(page.getByPlaceholder('Search the handbook…').first()).not.toHaveAttribute(
    'readonly',
  )
})
