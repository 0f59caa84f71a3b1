import { expect, test } from '@playwright/test'

import { labOf } from '../../support/lab'
import { scrollToWidget } from '../../support/widgets'

test('the backend-tokens chapter counts the reader’s own access token down once they sign in', async ({
  page,
}) => {
  await page.goto('/guide/backend-tokens')
  const countdown = page.getByRole('region', { name: 'Access token countdown' })
  // The widget loads when the reader scrolls to it; its placeholder already carries the name.
  await scrollToWidget(countdown)
  await expect(countdown).toContainText('Sign in with the lab')

  const lab = labOf(page)
  await scrollToWidget(lab.lab)
  await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')

  await scrollToWidget(countdown)
  const secondsLeft = countdown.getByTestId('token-seconds-left')
  await expect(secondsLeft).toHaveText(/^\d+$/)
  const first = Number(await secondsLeft.textContent())
  expect(first).toBeGreaterThan(0)
  await expect.poll(async () => Number(await secondsLeft.textContent())).toBeLessThan(first)
})
