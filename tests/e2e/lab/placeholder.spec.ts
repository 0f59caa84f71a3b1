import { expect, test } from '@playwright/test'

// The lab loads when the reader scrolls near it (components/load-when-near.tsx). A reader who
// jumps past it, to a sandbox below, sees it arrive: its stand-in must already be as tall.
test('the lab arrives at the height of its stand-in @phone', async ({ page }) => {
  await page.goto('/guide/callbacks')
  const standIn = page.locator('main [aria-busy="true"]', { hasText: 'Loading the sign-in lab' })
  const before = await standIn.boundingBox()
  expect(before?.height).toBeGreaterThan(0)

  const lab = page.getByRole('region', { name: 'Sign-in lab' })
  await standIn.scrollIntoViewIfNeeded()
  await expect(lab).toBeVisible()
  // The lab settles once it knows whether the reader is signed in.
  await expect(lab.getByRole('button', { name: 'Log in' })).toBeVisible()
  const after = await lab.boundingBox()
  expect(Math.abs((after?.height ?? 0) - (before?.height ?? 0))).toBeLessThanOrEqual(1)
})
