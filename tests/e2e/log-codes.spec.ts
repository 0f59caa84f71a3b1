import { expect, test } from '@playwright/test'

/**
 * pages/guide/log-codes.mdx shows CLIENT_FETCH_ERROR as Node.js prints it (the unit claims run
 * next-auth/react in Node). This checks the same lines in Chromium's console, with the site's
 * real SessionProvider, when the session route answers an HTML page, as a wrong path does.
 */
test('next-auth/react logs CLIENT_FETCH_ERROR and reports it to /api/auth/_log when the session route answers HTML', async ({
  page,
}) => {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.route('**/api/auth/session', (route) =>
    route.fulfill({
      status: 404,
      contentType: 'text/html',
      body: '<!DOCTYPE html><html><head><title>404</title></head><body>404</body></html>',
    }),
  )
  const beacon = page.waitForRequest(
    (request) => new URL(request.url()).pathname === '/api/auth/_log',
  )

  await page.goto('/guide/log-codes')

  const posted = new URLSearchParams((await beacon).postData() ?? '')
  expect(posted.get('level')).toBe('error')
  expect(posted.get('code')).toBe('CLIENT_FETCH_ERROR')
  expect(posted.get('url')).toBe('/api/auth/session')
  const logged = errors.find((text) => text.startsWith('[next-auth][error][CLIENT_FETCH_ERROR]'))
  expect(logged).toContain(
    `\nhttps://next-auth.js.org/errors#client_fetch_error Unexpected token '<', "<!DOCTYPE "... is not valid JSON`,
  )
})
