import { expect, test } from '@playwright/test'

import { labOf } from '../support/lab'

test('a signed-out reader sent from /account to the lab is told why, and comes back after signing in', async ({
  page,
}) => {
  await page.goto('/account')
  await expect(page).toHaveURL(/\/lab\?from=account$/)
  await expect(page.getByTestId('lab-from-account')).toContainText('Sign in to see your account')

  await labOf(page).lab.getByRole('button', { name: 'Use the demo account' }).click()

  await expect(page).toHaveURL(/\/account$/)
  const details = page.getByTestId('account-details')
  await expect(details).toContainText('demo@example.com')
  await expect(details).toContainText('reader')
})

test('the account page shows the editor role and signs the reader out from there', async ({
  page,
}) => {
  await page.goto('/lab?from=account')
  await labOf(page).lab.getByRole('button', { name: 'Use the demo editor' }).click()
  await expect(page.getByTestId('account-details')).toContainText('editor@example.com')
  await expect(page.getByTestId('account-details')).toContainText('editor')

  await page.getByRole('button', { name: 'Sign out' }).click()

  await expect(page).toHaveURL(/\/lab$/)
  await expect(page.getByTestId('navbar-session')).toHaveText('Not signed in')
  expect((await page.request.get('/api/me')).status()).toBe(401)
})

test('the lab says nothing about the account page to a reader who came on their own', async ({
  page,
}) => {
  await page.goto('/lab')
  await expect(labOf(page).lab).toBeVisible()
  await expect(page.getByTestId('lab-from-account')).toHaveCount(0)
})
