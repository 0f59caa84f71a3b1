import { expect, test } from '@playwright/test'

import { blockingAxeViolations } from '../support/axe'
import { labOf } from '../support/lab'
import { listDocRoutes, readDocSource } from '../support/site-pages'
import { scrollToWidget } from '../support/widgets'

for (const route of listDocRoutes()) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation on ${route} in ${theme} mode`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: theme })
      await page.goto(route)
      // why: pages with the lab poll their trace, so the network never goes idle; the
      // navbar's session slot is filled once React has hydrated and the session is known.
      await expect(page.getByTestId('navbar-session').first()).toBeAttached()
      expect(await blockingAxeViolations(page)).toEqual([])
    })
  }
}

/**
 * Screen-reader users move through a chapter by its headings, and a level that jumps (an h1
 * followed by an h3) reads as a section that is missing. axe files this under best practice,
 * which the test above leaves out. The sign-in lab brings headings of its own, so on a page
 * that shows it the lab is loaded first.
 */
for (const route of listDocRoutes()) {
  test(`headings on ${route} go down one level at a time, the lab's included`, async ({ page }) => {
    await page.goto(route)
    if (readDocSource(route).includes('<SignInLab')) {
      await scrollToWidget(labOf(page).lab)
      const output = page.getByRole('heading', { name: 'signIn() resolved to' })
      await expect(output.first()).toBeVisible()
    }
    const levels = await page
      .locator('main')
      .locator('h1, h2, h3, h4, h5, h6')
      .evaluateAll((headings) => headings.map((h) => `${h.tagName} ${h.textContent}`))
    const jumps = levels.filter((heading, i) => i > 0 && level(heading) > level(levels[i - 1]) + 1)
    expect(levels.length).toBeGreaterThan(0)
    expect(jumps).toEqual([])
  })
}

const level = (heading: string | undefined) => Number(heading?.charAt(1))

/**
 * A screen reader announces a table cell with its column's header; under an empty one, the
 * cells of that column are read without it (Lighthouse's td-has-header found one on /guide/errors).
 */
test('every table header cell on every page names its column', async ({ page }) => {
  const routes = listDocRoutes()
  // why: one page load after another; a busy machine took over 30 s for the twenty of them.
  test.setTimeout(30_000 + routes.length * 3_000)
  const unnamed: string[] = []
  for (const route of routes) {
    await page.goto(route)
    const empty = await page
      .locator('main th')
      .evaluateAll((cells) => cells.filter((cell) => !cell.textContent?.trim()).length)
    if (empty > 0) unnamed.push(`${route}: ${empty}`)
  }
  expect(unnamed).toEqual([])
})
