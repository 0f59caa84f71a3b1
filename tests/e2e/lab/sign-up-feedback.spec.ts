import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { newClientIp, newEmail } from '../../support/backend-api'
import { openLab } from '../../support/lab'

// why: sign-ups are limited per address; this file's readers get one of their own.
test.use({ extraHTTPHeaders: { 'x-forwarded-for': newClientIp() } })

async function openSignUp(page: Page) {
  const lab = await openLab(page)
  await lab.lab.getByText('Sign up', { exact: true }).click()
  return {
    ...lab,
    name: lab.lab.getByLabel('Name', { exact: true }),
    create: lab.lab.getByRole('button', { name: 'Create account' }),
    error: page.getByTestId('lab-error'),
  }
}

test('the sign-up rules are under their fields before anything is sent', async ({ page }) => {
  const lab = await openSignUp(page)
  await expect(lab.password).toHaveAccessibleDescription(
    '15 to 256 characters, not a commonly used password.',
  )
  await expect(lab.name).toHaveAccessibleDescription('Optional, up to 100 characters.')
  await expect(lab.error).toBeEmpty()
})

test('a 500-character name is a problem of the name, told next to it, not of the password', async ({
  page,
}) => {
  const lab = await openSignUp(page)
  await lab.email.fill(newEmail('long-name'))
  await lab.password.fill('a perfectly good sign-up passphrase')
  await lab.name.fill('n'.repeat(500))
  await lab.create.click()

  await expect(lab.error).toHaveText(
    /^Could not create the account\. Check the name\. .*\(invalid_input:name, HTTP 401\)$/,
  )
  await expect(lab.name).toHaveAttribute('aria-invalid', 'true')
  await expect(lab.name).toHaveAccessibleDescription(
    /Use a name of at most 100 characters, or leave it empty\./,
  )
  await expect(lab.password).not.toHaveAttribute('aria-invalid', 'true')
  await expect(lab.error).not.toContainText('Sign-in failed')

  // Fixing the field takes its message away.
  await lab.name.fill('Ada')
  await expect(lab.name).not.toHaveAttribute('aria-invalid', 'true')
})

test('a password the backend refuses is told next to the password, with what was wrong', async ({
  page,
}) => {
  const lab = await openSignUp(page)
  await lab.email.fill(newEmail('short-password'))
  await lab.password.fill('short one')
  await lab.create.click()
  await expect(lab.error).toContainText('(invalid_input:password, HTTP 401)')
  await expect(lab.password).toHaveAccessibleDescription(
    /Use at least 15 characters; this one has 9\./,
  )
  await expect(lab.email).not.toHaveAttribute('aria-invalid', 'true')
})

for (const theme of ['light', 'dark'] as const) {
  test(`errors look like errors in ${theme} mode: an alert with an icon, in a readable colour`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme })
    const lab = await openSignUp(page)
    const bodyColour = await page.evaluate(() => getComputedStyle(document.body).color)
    await lab.email.fill(newEmail('contrast'))
    await lab.password.fill('short one')
    await lab.create.click()

    const alert = lab.lab.getByRole('alert')
    await expect(alert).toContainText('Could not create the account.')
    await expect(alert.locator('svg')).toBeVisible()
    const fieldError = lab.lab.getByText('Use at least 15 characters')
    await expect(fieldError.locator('svg')).toBeVisible()
    for (const element of [alert, fieldError]) {
      expect(await element.evaluate((node) => getComputedStyle(node).color)).not.toBe(bodyColour)
    }
    const results = await new AxeBuilder({ page })
      .include('[data-testid="lab-error"]')
      .include('form [aria-invalid="true"] ~ p')
      .withRules(['color-contrast'])
      .analyze()
    expect(results.violations).toEqual([])
    expect(results.passes.length).toBeGreaterThan(0)
  })
}
