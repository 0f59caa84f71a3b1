import { expect, test } from '@playwright/test'

import { DEMO_ACCOUNT } from '../../demo-backend/demo-account'
import { signInAsDemoReader } from '../support/lab'
import { watchPageProblems } from '../support/page-problems'

declare global {
  interface Window {
    neighbourLeftAsParsed: number | undefined
  }
}

test('the landing page renders its content with no console error and no failed request @phone', async ({
  page,
}) => {
  const problems = watchPageProblems(page)
  await page.goto('/')
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Sign in against your own backend with NextAuth.js',
    }),
  ).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Run it on your machine' })).toBeVisible()
  await expect(page).toHaveTitle('NextAuth Credentials Handbook')
  await page.waitForLoadState('networkidle')
  expect(problems).toEqual([])
})

test('every page keeps its own title and description in the head', async ({ page }) => {
  await page.goto('/guide/setup')
  await expect(page).toHaveTitle('Setup – Credentials Handbook')
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    'content',
    /NEXTAUTH_URL and NEXTAUTH_SECRET/,
  )
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', '/favicon.svg')
})

test('the navbar tells a signed-out reader that nobody is signed in', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByTestId('navbar-session')).toHaveText('Not signed in')
})

/** The session slot's left neighbour: the search box (the GitHub icon shows only with REPOSITORY_URL). */
const NAVBAR_NEIGHBOUR = '.nextra-nav-container input[type="search"]'

// why: the theme lays the navbar out from its right edge, so a session slot that grows when the
// session arrives pushes what is to its left sideways on every page load.
for (const signedIn of [false, true]) {
  test(`the navbar does not move when the session of a ${signedIn ? 'signed-in' : 'signed-out'} reader arrives`, async ({
    page,
  }) => {
    if (signedIn) await signInAsDemoReader(page)
    await page.addInitScript((selector) => {
      document.addEventListener('DOMContentLoaded', () => {
        window.neighbourLeftAsParsed = document
          .querySelector(selector)
          ?.getBoundingClientRect().left
      })
    }, NAVBAR_NEIGHBOUR)
    await page.goto('/guide/setup')
    await expect(page.getByTestId('navbar-session')).toHaveText(
      signedIn ? `Signed in as ${DEMO_ACCOUNT.name}` : 'Not signed in',
    )
    const leftNow = await page
      .locator(NAVBAR_NEIGHBOUR)
      .evaluate((link) => link.getBoundingClientRect().left)
    expect(await page.evaluate(() => window.neighbourLeftAsParsed)).toBe(leftNow)
  })
}

test('an unknown address shows a page that leads back to the handbook', async ({ page }) => {
  const response = await page.goto('/no-such-chapter')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await page.getByRole('link', { name: 'Go to the introduction' }).click()
  await expect(page).toHaveURL(/\/$/)
})
