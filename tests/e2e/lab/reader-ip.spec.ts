import type { APIRequestContext } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { DEMO_ACCOUNT } from '../../../demo-backend/demo-account'

/** A full NextAuth credentials sign-in over HTTP, as `signIn()` makes it, from one address. */
async function signInAs(request: APIRequestContext, ip: string, password: string) {
  const headers = { 'x-forwarded-for': ip }
  const { csrfToken } = (await (await request.get('/api/auth/csrf', { headers })).json()) as {
    csrfToken: string
  }
  const response = await request.post('/api/auth/callback/login', {
    headers,
    form: { csrfToken, email: DEMO_ACCOUNT.email, password, json: 'true' },
  })
  const { url } = (await response.json()) as { url: string }
  return new URL(url).searchParams.get('error')
}

test('rate limits behind NextAuth count each reader, so one attacker cannot lock out the demo account', async ({
  playwright,
  baseURL,
}) => {
  const attacker = await playwright.request.newContext({ baseURL })
  const reader = await playwright.request.newContext({ baseURL })
  // why: the backend counts an IPv6 /64 as one client; the two must be in different ones.
  const attackerIp = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}::1`
  for (let attempt = 0; attempt < 10; attempt++) {
    expect(await signInAs(attacker, attackerIp, 'a wrong password for the demo')).toBe(
      'CredentialsSignin',
    )
  }
  // why: the demo account's own limit: the attacker's address waits under a minute.
  expect(await signInAs(attacker, attackerIp, DEMO_ACCOUNT.password)).toMatch(
    /^rate_limited:([1-9]|[1-5]\d|60)$/,
  )
  expect(await signInAs(reader, '2001:db8:beef:1::1', DEMO_ACCOUNT.password)).toBeNull()
  await attacker.dispose()
  await reader.dispose()
})
