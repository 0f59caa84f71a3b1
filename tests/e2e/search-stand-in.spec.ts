import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { focusedSearchBox, typeUntilShown } from '../support/search'

/**
 * components/search/deferred-search.tsx shows a stand-in until the reader first taps, clicks or
 * presses a key. These tests reach for the search box with that first gesture, so the stand-in is
 * still there when they do.
 */
async function openWithStandIn(page: Page) {
  await page.goto('/guide/how-it-works')
  const standIn = page.getByPlaceholder('Search the handbook…').first()
  await expect(standIn).toHaveAttribute('readonly', '')
  return standIn
}

test('clicking the stand-in puts the caret in the real search box, which finds pages', async ({
  page,
}) => {
  const standIn = await openWithStandIn(page)
  await standIn.click()
  await expect(focusedSearchBox(page)).toHaveCount(1)
  const result = page.locator('[role="option"][href^="/guide/setup"]').first()
  await typeUntilShown(focusedSearchBox(page), 'openssl', result)
})

test('the theme’s shortcut, /, swaps in the real search box with the caret in it', async ({
  page,
}) => {
  await openWithStandIn(page)
  // why: the shortcut is a window listener that React attaches once it has hydrated the page;
  // a key pressed before that reaches nothing, stand-in or not (a click is replayed, a key is not).
  await page.waitForFunction(() => performance.getEntriesByName('Next.js-hydration').length > 0)
  await expect(async () => {
    await page.keyboard.press('/')
    await expect(focusedSearchBox(page)).toHaveCount(1, { timeout: 2_000 })
  }).toPass({ timeout: 15_000 })
  await expect(page.getByPlaceholder('Search the handbook…').first()).not.toHaveAttribute(
    'readonly',
  )
})

/** The build's chunks that hold Headless UI's combobox (lib/client/headless-ui-on-demand.tsx). */
async function headlessUiChunks(): Promise<string[]> {
  const dir = join(process.cwd(), '.next', 'static', 'chunks')
  const chunks = []
  for (const file of await readdir(dir)) {
    if (!file.endsWith('.js')) continue
    if ((await readFile(join(dir, file), 'utf8')).includes('headlessui-combobox')) chunks.push(file)
  }
  return chunks
}

test('the search box’s code is fetched only when needed, and again if the first fetch failed', async ({
  page,
}) => {
  const chunks = await headlessUiChunks()
  expect(chunks.length).toBeGreaterThan(0)
  const fetched: string[] = []
  let offline = true
  for (const chunk of chunks) {
    await page.route(`**/_next/static/chunks/${chunk}`, (route) => {
      fetched.push(chunk)
      return offline ? route.abort('internetdisconnected') : route.continue()
    })
  }
  const standIn = await openWithStandIn(page)
  // A reader who only reads never fetches it.
  await page.waitForLoadState('networkidle')
  await page.mouse.wheel(0, 400)
  await page.waitForTimeout(1_000)
  expect(fetched).toEqual([])

  // Offline: the stand-in stays and keeps the focus; nothing breaks.
  await standIn.click()
  await expect.poll(() => fetched.length).toBeGreaterThan(0)
  await expect(standIn).toHaveAttribute('readonly', '')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()

  // Back online, reaching for it again brings the real box, which finds pages.
  offline = false
  await page.locator('main h1').click()
  await standIn.click()
  await expect(focusedSearchBox(page)).toHaveCount(1)
  const result = page.locator('[role="option"][href^="/guide/setup"]').first()
  await typeUntilShown(focusedSearchBox(page), 'openssl', result)
})

test('on a phone, the search box in the menu works from the first tap @phone-only', async ({
  page,
}) => {
  await page.goto('/guide/how-it-works')
  await page.getByRole('button', { name: 'Menu' }).tap()
  const box = page.locator('input[placeholder="Search the handbook…"]:visible')
  await box.tap()
  await expect(focusedSearchBox(page)).toHaveCount(1)
  const result = page.locator('[role="option"][href^="/guide/setup"]:visible').first()
  await typeUntilShown(focusedSearchBox(page), 'openssl', result)
})
