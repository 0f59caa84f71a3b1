import { expect, test } from '@playwright/test'

/**
 * components/load-when-near.tsx: a widget whose code cannot be fetched (the reader went offline,
 * or a new deployment removed the old chunks) says so in its place, and the chapter keeps working.
 */
test('a widget whose code cannot be fetched says so, and the chapter stays usable', async ({
  page,
}) => {
  await page.goto('/guide/secret')
  await page.waitForLoadState('networkidle')
  const labStandIn = page.getByText('Loading the sign-in lab…')
  await expect(labStandIn).toHaveCount(1)

  await page.route('**/_next/static/chunks/**', (route) => route.abort())
  await labStandIn.scrollIntoViewIfNeeded()

  // The other widgets the scroll brought near fail the same way.
  await expect(page.getByRole('alert').filter({ hasText: 'could not load' }).first()).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.locator('aside').getByRole('link', { name: 'Setup' }).click()
  await expect(page).toHaveURL(/\/guide\/setup$/)
})
