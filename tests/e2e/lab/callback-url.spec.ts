import { expect, test } from '@playwright/test'

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
