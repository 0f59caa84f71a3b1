import { expect, test } from '@playwright/test'

import { openLab } from '../../support/lab'

test('the lab’s role gate answers 401 signed out, 403 to the demo reader and the notes to the demo editor', async ({
  page,
}) => {
  const lab = await openLab(page)
  const call = lab.lab.getByRole('button', { name: 'Call the editors-only API' })
  const answer = page.getByTestId('role-gate-answer')

  await call.click()
  await expect(answer).toContainText('401 unauthenticated')

  await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')
  await call.click()
  await expect(answer).toContainText('403 forbidden')

  await lab.lab.getByRole('button', { name: 'Use the demo editor' }).click()
  await expect(page.getByTestId('session-data')).toContainText('"role": "editor"')
  await call.click()
  await expect(answer).toContainText('200')
  await expect(answer).toContainText('Only editors can read this.')
})

test('the editors-only API answers JSON, not a redirect, to a caller without a session', async ({
  request,
}) => {
  const response = await request.get('/api/editor/notes', { maxRedirects: 0 })
  expect(response.status()).toBe(401)
  expect(await response.json()).toEqual({
    error: { code: 'unauthenticated', message: 'Sign in first.' },
  })
})
