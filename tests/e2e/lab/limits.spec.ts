import type { APIRequestContext } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { DEMO_ACCOUNT } from '../../../demo-backend/demo-account'
import { newClientIp, newEmail } from '../../support/backend-api'
import { openLab, signInResultOf } from '../../support/lab'

/** A full NextAuth credentials log-in over HTTP, as `signIn()` makes it; returns its error. */
async function logIn(request: APIRequestContext, ip: string, email: string, password: string) {
  const headers = { 'x-forwarded-for': ip }
  const csrf = await request.get('/api/auth/csrf', { headers })
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const response = await request.post('/api/auth/callback/login', {
    headers,
    form: { csrfToken, email, password, json: 'true' },
  })
  const { url } = (await response.json()) as { url: string }
  return new URL(url).searchParams.get('error')
}

// why: the limits count per address; each test is a reader behind an address of its own.
const ip = newClientIp()
test.use({ extraHTTPHeaders: { 'x-forwarded-for': ip } })

test('a wrong password says, before any lock, which lock wrong passwords lead to', async ({
  page,
}) => {
  const lab = await openLab(page)
  await lab.email.fill(newEmail('warned'))
  await lab.password.fill('not the password of this account')
  await lab.lab.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByTestId('lab-error')).toHaveText(
    'Sign-in failed. The email or password is incorrect. After 10 wrong passwords for one email from your network, that email is locked here for up to 15 minutes. (CredentialsSignin, HTTP 401)',
  )
})

test('a locked email says when it lifts, from the backend’s Retry-After', async ({
  page,
  request,
}) => {
  const email = newEmail('locked')
  for (let attempt = 0; attempt < 10; attempt++) {
    expect(await logIn(request, ip, email, `wrong ${attempt}`)).toBe('CredentialsSignin')
  }
  const lab = await openLab(page)
  await lab.email.fill(email)
  await lab.password.fill('one more wrong password')
  await lab.lab.getByRole('button', { name: 'Log in' }).click()
  const result = (await signInResultOf(lab.result)) as { error: string }
  const seconds = Number(/^rate_limited:(\d+)$/.exec(result.error)?.[1])
  expect(seconds).toBeGreaterThan(14 * 60)
  expect(seconds).toBeLessThanOrEqual(15 * 60)
  await expect(page.getByTestId('lab-error')).toHaveText(
    `Sign-in failed. Too many attempts from your network. Try again in 15 minutes. (${result.error}, HTTP 401)`,
  )
})

test('the demo account is never locked by a careless class: its wrong passwords slow the address for under a minute', async ({
  page,
  request,
}) => {
  const classroom = newClientIp()
  for (let attempt = 0; attempt < 10; attempt++) {
    expect(await logIn(request, classroom, DEMO_ACCOUNT.email, `typo ${attempt}`)).toBe(
      'CredentialsSignin',
    )
  }
  const wait = await logIn(request, classroom, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password)
  expect(Number(/^rate_limited:(\d+)$/.exec(wait ?? '')?.[1])).toBeLessThanOrEqual(60)

  // A reader behind another address signs in with the demo account meanwhile.
  const lab = await openLab(page)
  await lab.email.fill(DEMO_ACCOUNT.email)
  await lab.password.fill('a typo of my own')
  await lab.lab.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByTestId('lab-error')).toContainText(
    'Wrong passwords never lock the demo accounts: after 10 in a minute from your network, wait until a minute has passed.',
  )
  await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(lab.sessionStatus).toHaveText('authenticated')
})
