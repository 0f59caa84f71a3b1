import { expect, test } from '@playwright/test'

import { openLab } from '../../support/lab'

const EIGHT_HOURS_S = 8 * 60 * 60

test('a session lasts eight hours, not NextAuth’s default thirty days', async ({
  page,
  context,
}) => {
  const lab = await openLab(page)
  await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')

  const cookie = (await context.cookies()).find((c) => c.name === 'next-auth.session-token')
  const nowS = Date.now() / 1000
  expect(cookie?.httpOnly).toBe(true)
  expect(cookie?.sameSite).toBe('Lax')
  expect(cookie?.expires).toBeGreaterThan(nowS + EIGHT_HOURS_S - 120)
  expect(cookie?.expires).toBeLessThan(nowS + EIGHT_HOURS_S + 120)

  const session = JSON.parse((await page.getByTestId('session-data').textContent()) ?? '{}') as {
    expires: string
  }
  expect(Date.parse(session.expires) / 1000).toBeLessThan(nowS + EIGHT_HOURS_S + 120)
})
