import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { REFRESH_MARGIN_MS } from '@reference-app/lib/refresh'

import { signInAsDemoReader } from '../../support/lab'
import { readSessionToken } from '../../support/session-cookie'

/**
 * The site runs the reference app's jwt callback with the e2e server's 10-second access
 * tokens: these tests wait until a token is due for refresh and watch what follows.
 */

async function waitUntilRefreshIsDue(page: Page): Promise<void> {
  const token = await readSessionToken(page.context())
  const due = (token?.accessTokenExpires ?? 0) - REFRESH_MARGIN_MS
  // why: a little past the moment, so the server's clock agrees it has come.
  await page.waitForTimeout(Math.max(0, due - Date.now()) + 500)
}

async function refreshAtBackend(page: Page, refreshToken: string) {
  return page.request.post('/api/backend/refresh', { data: { refreshToken } })
}

test('two tabs reading an expired session at the same moment both stay signed in', async ({
  context,
}) => {
  const [first, second] = [await context.newPage(), await context.newPage()]
  await signInAsDemoReader(first)
  const before = await readSessionToken(context)
  await waitUntilRefreshIsDue(first)

  const sessions = await Promise.all(
    [first, second].map(async (page) => (await page.request.get('/api/auth/session')).json()),
  )

  for (const session of sessions) {
    expect(session).toMatchObject({ user: { email: 'demo@example.com', role: 'reader' } })
    expect(session).not.toHaveProperty('error')
  }
  const after = await readSessionToken(context)
  expect(after?.refreshToken).toBeTruthy()
  expect(after?.refreshToken).not.toBe(before?.refreshToken)
  // The family was not revoked as a reuse: the token both tabs got still works once.
  expect((await refreshAtBackend(first, after?.refreshToken ?? '')).status()).toBe(200)
})

test('signing out revokes the refresh token at the backend', async ({ page, context }) => {
  await signInAsDemoReader(page)
  const token = await readSessionToken(context)
  const refreshToken = token?.refreshToken ?? ''
  expect(refreshToken).not.toBe('')

  await page.goto('/lab')
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByTestId('session-status')).toHaveText('unauthenticated')

  expect(await readSessionToken(context)).toBeNull()
  const refused = await refreshAtBackend(page, refreshToken)
  expect(refused.status()).toBe(401)
  expect(await refused.json()).toMatchObject({ error: { code: 'invalid_token' } })
})

test('a refresh the backend refuses signs the reader out everywhere', async ({ page, context }) => {
  await signInAsDemoReader(page)
  const token = await readSessionToken(context)
  // Someone ends the session at the backend (another device signing out, an operator).
  const logout = await page.request.post('/api/backend/logout', {
    data: { refreshToken: token?.refreshToken },
  })
  expect(logout.status()).toBe(204)
  await waitUntilRefreshIsDue(page)

  const me = await page.request.get('/api/me')
  expect(me.status()).toBe(401)

  await page.goto('/account')
  await expect(page).toHaveURL(/\/lab\?from=account/)
  await expect(page.getByTestId('navbar-session')).toHaveText('Not signed in')
  await expect.poll(() => readSessionToken(context)).toBeNull()
})
