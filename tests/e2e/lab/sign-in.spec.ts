import { expect, test } from '@playwright/test'

import { openLab, signInResultOf } from '../../support/lab'
import { scrollToWidget } from '../../support/widgets'

test('a demo-account sign-in is traced as the callback request, then the session request', async ({
  page,
}) => {
  const lab = await openLab(page)
  await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')
  await scrollToWidget(lab.trace)

  await expect
    .poll(async () => (await lab.requests()).map((request) => request.label))
    .toEqual(expect.arrayContaining(['POST /api/auth/callback/login', 'GET /api/auth/session']))
  const requests = await lab.requests()
  const callbackIndex = requests.findIndex((r) => r.label === 'POST /api/auth/callback/login')
  const sessionIndex = requests.findIndex((r) => r.label === 'GET /api/auth/session')
  expect(callbackIndex).toBeLessThan(sessionIndex)
  // why: `redirect` runs first on every request once NextAuth has set its callback-url cookie.
  expect(requests[callbackIndex]?.steps.filter((step) => step !== 'redirect')).toEqual([
    'authorize',
    'backend',
    'signIn',
    'jwt',
    'event:signIn',
  ])
  expect(requests[sessionIndex]?.steps.filter((step) => step !== 'redirect')).toEqual([
    'jwt',
    'session',
    'event:session',
  ])

  const jwtStep = lab.trace
    .getByRole('region', { name: 'POST /api/auth/callback/login' })
    .locator('li[data-step="jwt"]')
  await jwtStep.getByText('Arguments and result').click()
  await expect(jwtStep).toContainText('"trigger": "signIn"')
  await expect(page.getByTestId('navbar-session')).toContainText('Signed in as Demo Reader')
})

test('the lab works from the keyboard and announces its result', async ({ page }) => {
  const lab = await openLab(page)
  await lab.email.focus()
  await page.keyboard.type('demo@example.com')
  await page.keyboard.press('Tab')
  await page.keyboard.type('handbook demo password')
  await page.keyboard.press('Enter')
  await expect(lab.announcement).toHaveText('Signed in.')
  expect(await signInResultOf(lab.result)).toEqual({
    error: null,
    status: 200,
    ok: true,
    url: expect.stringMatching(/\/lab$/),
  })
})

test('a new reader signs up, is signed in, signs out and logs in again', async ({ page }) => {
  const lab = await openLab(page)
  const email = `reader-${Date.now()}@example.com`
  const password = 'a long enough passphrase for the lab'
  await lab.lab.getByText('Sign up', { exact: true }).click()
  await lab.email.fill(email)
  await lab.password.fill(password)
  await lab.lab.getByLabel('Name').fill('New Reader')
  await lab.lab.getByRole('button', { name: 'Create account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')
  await expect(page.getByTestId('session-data')).toContainText(email)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(lab.sessionStatus).toHaveText('unauthenticated')
  await expect(lab.announcement).toHaveText('Signed out.')

  await lab.lab.getByText('Log in', { exact: true }).click()
  await lab.email.fill(email)
  await lab.password.fill(password)
  await lab.lab.getByRole('button', { name: 'Log in' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')
  await expect(page.getByTestId('navbar-session')).toContainText('New Reader')
})

test('an expired access token is refreshed by the jwt callback, visibly in the trace', async ({
  page,
}) => {
  const lab = await openLab(page)
  await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')
  const firstExpiry = JSON.parse((await page.getByTestId('session-data').textContent()) ?? '{}')
    .accessTokenExpires as number

  // The e2e server issues 10-second access tokens; jwt refreshes 5 s before they expire.
  await page.waitForTimeout(6_000)
  await page.getByRole('button', { name: 'Update session' }).click()
  await expect(lab.announcement).toHaveText('Session updated.')
  await expect
    .poll(
      async () =>
        JSON.parse((await page.getByTestId('session-data').textContent()) ?? '{}')
          .accessTokenExpires,
    )
    .toBeGreaterThan(firstExpiry)

  await scrollToWidget(lab.trace)
  const update = lab.trace.getByRole('region', { name: 'POST /api/auth/session' }).last()
  await expect(update.locator('li[data-step="backend"]')).toBeVisible()
  await update.locator('li[data-step="backend"]').getByText('Arguments and result').click()
  await expect(update.locator('li[data-step="backend"]')).toContainText('"path": "/refresh"')
  await update.locator('li[data-step="jwt"]').getByText('Arguments and result').click()
  await expect(update.locator('li[data-step="jwt"]')).toContainText('"trigger": "update"')
})
