import { expect, test } from '@playwright/test'

import { openLab } from '../../support/lab'
import { scrollToWidget } from '../../support/widgets'

test('each trace step’s disclosure is named after its step, for keyboard and screen-reader users', async ({
  page,
}) => {
  const lab = await openLab(page)
  await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')
  await scrollToWidget(lab.trace)
  const callback = lab.trace.getByRole('region', { name: 'POST /api/auth/callback/login' })
  await expect(callback.locator('li[data-step="jwt"]')).toBeVisible()

  for (const step of ['authorize', 'backend', 'signIn', 'jwt']) {
    const summary = callback.locator(`li[data-step="${step}"] > details > summary`)
    await expect(summary).toHaveAccessibleName(`${step}: Arguments and result`)
  }
})

test('signing out adds the sign-out request to the trace, with the signOut event and the backend call', async ({
  page,
}) => {
  const lab = await openLab(page)
  await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')
  await lab.lab.getByRole('button', { name: 'Sign out' }).click()
  await expect(lab.sessionStatus).toHaveText('unauthenticated')
  await scrollToWidget(lab.trace)
  const signOut = lab.trace.getByRole('region', { name: 'POST /api/auth/signout' })
  await expect(signOut.locator('li[data-step="event:signOut"]')).toBeVisible()
  await expect(signOut.locator('li[data-step="backend"]')).toBeVisible()
})
