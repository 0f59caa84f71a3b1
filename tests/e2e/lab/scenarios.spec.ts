import { expect, test } from '@playwright/test'

import { openLab, signInResultOf } from '../../support/lab'

// What the real next-auth 4.24 resolves `signIn('login', { redirect: false })` to in each branch.
const cases = [
  {
    scenario: 'authorize-returns-null',
    expected: { error: 'CredentialsSignin', status: 401, ok: false, url: null },
  },
  {
    scenario: 'authorize-throws',
    expected: { error: 'lab_scenario_error', status: 401, ok: false, url: null },
  },
  {
    scenario: 'signin-returns-false',
    expected: { error: 'AccessDenied', status: 403, ok: false, url: null },
  },
  {
    scenario: 'signin-returns-url',
    expected: {
      error: null,
      status: 200,
      ok: true,
      url: expect.stringMatching(/\/lab#signin-returned-a-url$/),
    },
  },
] as const

for (const { scenario, expected } of cases) {
  test(`scenario ${scenario}: signIn() resolves to what next-auth returned and no session starts`, async ({
    page,
  }) => {
    const lab = await openLab(page)
    await lab.scenario.selectOption(scenario)
    await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
    expect(await signInResultOf(lab.result)).toEqual(expected)
    await expect(lab.sessionStatus).toHaveText('unauthenticated')
  })
}

test('a wrong password resolves to CredentialsSignin with status 401', async ({ page }) => {
  const lab = await openLab(page)
  await lab.email.fill('demo@example.com')
  await lab.password.fill('not the demo password at all')
  await lab.lab.getByRole('button', { name: 'Log in' }).click()
  expect(await signInResultOf(lab.result)).toEqual({
    error: 'CredentialsSignin',
    status: 401,
    ok: false,
    url: null,
  })
  await expect(lab.announcement).toHaveText(
    'Sign-in failed. The email or password is incorrect. Wrong passwords never lock the demo accounts: after 10 in a minute from your network, wait until a minute has passed. (CredentialsSignin, HTTP 401)',
  )
})
