import { expect, test } from '@playwright/test'

import { DEMO_ACCOUNT } from '../../../demo-backend/demo-account'
import { signInAsDemoReader } from '../../support/lab'

for (const callbackUrl of ['https://evil.example/phish', 'javascript:alert(1)', '//evil.example']) {
  test(`NextAuth's routes refuse the callbackUrl ${callbackUrl} with 400 before NextAuth runs`, async ({
    request,
  }) => {
    const viaQuery = await request.get(
      `/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`,
    )
    expect(viaQuery.status()).toBe(400)
    expect(await viaQuery.json()).toEqual({
      error: {
        code: 'invalid_callback_url',
        message: 'callbackUrl must be a path or a URL on this site.',
      },
    })
    const viaBody = await request.post('/api/auth/callback/login', {
      form: { callbackUrl, email: 'demo@example.com', password: 'x', csrfToken: 'x' },
    })
    expect(viaBody.status()).toBe(400)
  })
}

test('a callbackUrl on this site still reaches NextAuth', async ({ request }) => {
  const response = await request.get(
    `/api/auth/csrf?callbackUrl=${encodeURIComponent('/guide/setup')}`,
  )
  expect(response.status()).toBe(200)
  expect(await response.json()).toHaveProperty('csrfToken')
})

const INVALID_CALLBACK_URL = {
  error: {
    code: 'invalid_callback_url',
    message: 'callbackUrl must be a path or a URL on this site.',
  },
}

// Control characters and whitespace: Node refuses CR, LF and NUL in a header (a 500 before),
// and the URL parser drops tabs, so "/\t/evil.example" would become "//evil.example".
const UNPRINTABLE = [
  '/guide\r\nSet-Cookie: planted=1',
  '/guide\n',
  '/guide\u0000',
  '/guide\u001b[31m',
  '/\t/evil.example',
  '/guide with a space',
  '/guide\u00a0',
]

test('a callbackUrl with control characters or whitespace is refused with 400, signed in or not', async ({
  page,
}) => {
  const ask = async () => {
    for (const callbackUrl of UNPRINTABLE) {
      const viaQuery = await page.request.get(
        `/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`,
        { maxRedirects: 0 },
      )
      expect(viaQuery.status(), JSON.stringify(callbackUrl)).toBe(400)
      expect(await viaQuery.json()).toEqual(INVALID_CALLBACK_URL)
      const viaBody = await page.request.post('/api/auth/signout', {
        form: { callbackUrl, csrfToken: 'x', json: 'true' },
        maxRedirects: 0,
      })
      expect(viaBody.status(), JSON.stringify(callbackUrl)).toBe(400)
    }
  }
  await ask()
  await signInAsDemoReader(page)
  await ask()
})

test('a callbackUrl with non-ASCII characters is sent on percent-encoded, as UTF-8', async ({
  page,
  baseURL,
}) => {
  await signInAsDemoReader(page)
  const csrf = await page.request.get('/api/auth/csrf')
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  // A sign-in without `json`, as a plain form does it: NextAuth answers with a redirect.
  for (const [callbackUrl, expected] of [
    ['/guide/é', '/guide/%C3%A9'],
    ['/guide/€?q=ü', '/guide/%E2%82%AC?q=%C3%BC'],
  ] as const) {
    const signIn = await page.request.post('/api/auth/callback/login', {
      form: { csrfToken, email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, callbackUrl },
      maxRedirects: 0,
    })
    expect(signIn.status(), callbackUrl).toBe(302)
    expect(signIn.headers().location, callbackUrl).toBe(`${baseURL}${expected}`)
  }
})
