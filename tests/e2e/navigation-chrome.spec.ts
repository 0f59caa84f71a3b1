import { expect, test } from '@playwright/test'

import { DEMO_ACCOUNT } from '../../demo-backend/demo-account'
import { signInAsDemoReader } from '../support/lab'

/** What surrounds every chapter: the skip link, the navbar, the 404 page, the head's icon. */

const CHAPTER = '/guide/how-it-works'

test('the first Tab reaches a visible "Skip to content" link, and it leads into the chapter @phone', async ({
  page,
}) => {
  await page.goto(CHAPTER)
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport({ ratio: 1 })
  const box = await skip.boundingBox()
  expect(box?.width).toBeGreaterThan(40)
  expect(box?.height).toBeGreaterThan(16)

  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#reach-skip-nav$/)
  // The next Tab goes on from the chapter, past the navbar, the sidebar and the contents.
  await page.keyboard.press('Tab')
  const inChapter = await page.evaluate(
    () => document.activeElement?.closest('article.nextra-content') !== null,
  )
  expect(inChapter).toBe(true)
})

test('the skip link stays out of sight until it has focus @phone', async ({ page }) => {
  await page.goto(CHAPTER)
  const box = await page.getByRole('link', { name: 'Skip to content' }).boundingBox()
  expect(box === null || (box.width <= 1 && box.height <= 1)).toBe(true)
})

test('signed out, the navbar says so, on a phone too, and links to the lab to sign in @phone', async ({
  page,
}) => {
  await page.goto(CHAPTER)
  const state = page.getByRole('link', { name: 'Not signed in' })
  await expect(state).toBeVisible()
  await expect(state).toBeInViewport({ ratio: 1 })
  await expect(state).toHaveAttribute('href', '/lab')
  await state.click()
  await expect(page).toHaveURL(/\/lab$/)
})

test('signed in, the navbar names the reader, on a phone too, and links to the account @phone', async ({
  page,
}) => {
  await signInAsDemoReader(page)
  await page.goto(CHAPTER)
  const state = page.getByRole('link', { name: `Signed in as ${DEMO_ACCOUNT.name}` })
  await expect(state).toBeVisible()
  await expect(state).toBeInViewport({ ratio: 1 })
  await expect(state).toHaveAttribute('href', '/account')
  await state.click()
  await expect(page).toHaveURL(/\/account$/)
})

test('the navbar fits a phone: nothing in it is pushed off screen @phone-only', async ({
  page,
}) => {
  await page.goto(CHAPTER)
  await expect(page.getByTestId('navbar-session')).toBeVisible()
  const overflow = await page
    .locator('.nextra-nav-container nav')
    .evaluate((nav) => nav.scrollWidth - nav.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await expect(page.getByRole('button', { name: 'Menu' })).toBeInViewport({ ratio: 1 })
})

test('/guide opens the guide at its first chapter', async ({ page, request }) => {
  const response = await request.get('/guide', { maxRedirects: 0 })
  expect(response.status()).toBe(307)
  expect(response.headers()['location']).toBe('/guide/how-it-works')

  await page.goto('/guide')
  await expect(page).toHaveURL(/\/guide\/how-it-works$/)
  await expect(page.getByRole('heading', { level: 1, name: 'How NextAuth.js works' })).toBeVisible()
})

test('the 404 page carries no "Last updated" and no table of contents with "Edit this page"', async ({
  page,
}) => {
  // A chapter has both slots filled, so the checks below look in the right places.
  await page.goto(CHAPTER)
  const contents = page.getByRole('navigation', { name: 'table of contents' })
  await expect(contents.locator('a, button')).not.toHaveCount(0)
  await expect(page.getByText(/^Last updated on/)).toBeVisible()

  const response = await page.goto('/no-such-page-in-the-handbook')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await expect(contents.locator('a, button')).toHaveCount(0)
  await expect(page.getByText(/Last updated/)).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Edit this page' })).toHaveCount(0)
})

test('every page links a favicon that the site serves', async ({ page, request }) => {
  for (const route of ['/', CHAPTER, '/no-such-page-in-the-handbook']) {
    await page.goto(route)
    const href = await page.locator('head link[rel="icon"]').getAttribute('href')
    expect(href, route).toBeTruthy()
    const icon = await request.get(new URL(href ?? '', page.url()).href)
    expect(icon.status(), route).toBe(200)
    expect(icon.headers()['content-type'], route).toContain('image/svg+xml')
    expect((await icon.text()).trim(), route).toMatch(/^<svg[\s>]/)
  }
})

test('without REPOSITORY_URL, no link leads to a repository: no GitHub icon, no "Edit this page", no "Source"', async ({
  page,
}) => {
  for (const route of [CHAPTER, '/guide/callbacks', '/']) {
    await page.goto(route)
    await expect(page.getByRole('link', { name: 'Edit this page' })).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Source' })).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'GitHub' })).toHaveCount(0)
    await expect(page.locator('a[href*="github.com"]')).toHaveCount(0)
    // The footer still says what the site is.
    await expect(page.locator('footer')).toContainText('MIT licensed')
  }
})
