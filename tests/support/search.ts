import type { Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'

/** The theme's real search box with the caret in it, not deferred-search.tsx's stand-in. */
export const focusedSearchBox = (page: Page) =>
  page.locator('input[placeholder="Search the handbook…"]:focus:not([readonly])')

/**
 * Types `query` into `box` until `result` shows.
 * why: the theme loads its index on first focus and drops keystrokes typed while it loads,
 * so the query is typed again until the index answers, as a reader would.
 */
export async function typeUntilShown(box: Locator, query: string, result: Locator) {
  await expect(async () => {
    await box.fill('')
    await box.fill(query)
    await expect(result).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
}
