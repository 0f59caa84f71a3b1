import { expect, test } from '@playwright/test'

import { labOf, openLab } from '../../support/lab'
import { scrollToWidget } from '../../support/widgets'

test('two browser contexts never see each other’s traces', async ({ browser }) => {
  const first = await browser.newContext()
  const second = await browser.newContext()
  const firstPage = await first.newPage()
  const secondPage = await second.newPage()

  const firstLab = await openLab(firstPage)
  await firstLab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(firstLab.sessionStatus).toHaveText('authenticated')
  await scrollToWidget(firstLab.trace)
  await expect(
    firstLab.trace.getByRole('region', { name: 'POST /api/auth/callback/login' }),
  ).toBeVisible()

  const secondLab = await openLab(secondPage)
  await scrollToWidget(secondLab.trace)
  await expect(secondLab.trace).toContainText('Nothing traced yet')
  const secondTrace = await secondPage.request.get('/api/trace')
  expect(await secondTrace.json()).toEqual({ requests: [] })

  await first.close()
  await second.close()
})

test('no password, token, cookie value or secret reaches the browser from the trace or the inspector', async ({
  page,
  context,
}) => {
  const lab = await openLab(page)
  await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')
  await scrollToWidget(lab.trace)
  await expect(
    lab.trace.getByRole('region', { name: 'GET /api/auth/session' }).first(),
  ).toBeVisible()
  // why: like every widget below the fold, the inspector loads when the reader scrolls to it.
  await scrollToWidget(page.getByRole('region', { name: 'Token inspector' }))
  await expect(page.getByTestId('token-claims')).toContainText('"accessToken": "[redacted]"')

  const cookies = await context.cookies()
  const secrets = [
    'handbook demo password',
    process.env.E2E_NEXTAUTH_SECRET ?? 'missing-secret',
    process.env.E2E_BACKEND_JWT_SECRET ?? 'missing-secret',
    ...cookies
      .filter((cookie) => cookie.name.startsWith('next-auth.'))
      .map((cookie) => cookie.value.split('|')[0] ?? ''),
  ]
  // The same requests the panel and the inspector make, with this browser's cookies.
  const bodies = await Promise.all(
    ['/api/trace', '/api/trace/inspect'].map(async (path) => (await page.request.get(path)).text()),
  )
  expect(bodies[0]).toContain('POST /api/auth/callback/login')
  expect(bodies[1]).toContain('"sub"')
  for (const body of bodies) {
    for (const secret of secrets) expect(body).not.toContain(secret)
    // why: any JWT or JWE (the backend's tokens, NextAuth's session) starts with eyJ.
    expect(body).not.toMatch(/eyJ[\w-]{10,}/)
  }
})

test('the trace panel renders a hostile name as text, never as markup', async ({ page }) => {
  const lab = labOf(page)
  await openLab(page)
  await lab.lab.getByText('Sign up', { exact: true }).click()
  await lab.email.fill(`xss-${Date.now()}@example.com`)
  await lab.password.fill('a long enough passphrase for the lab')
  await lab.lab.getByLabel('Name').fill('<img src=x onerror="window.__pwned=1">')
  await lab.lab.getByRole('button', { name: 'Create account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')
  await expect(page.getByTestId('navbar-session')).toContainText('<img src=x')
  await scrollToWidget(lab.trace)
  const jwtStep = lab.trace.locator('li[data-step="jwt"]').first()
  await jwtStep.getByText('Arguments and result').click()
  await expect(jwtStep).toContainText('onerror')
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
})
