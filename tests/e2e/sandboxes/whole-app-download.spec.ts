import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'
import { decompressFromBase64 } from 'lz-string'

const APP_DIR = join(
  process.cwd(),
  'components',
  'sandboxes',
  'whole-app',
  'nextauth-credentials-app',
)

test('the reference chapter offers the whole app as a zip the site serves', async ({ page }) => {
  await page.goto('/guide/reference#take-the-whole-app-with-you')
  const link = page.getByRole('link', { name: 'Download the app (.zip)' })
  const response = await page.request.get((await link.getAttribute('href')) ?? '')
  expect(response.status()).toBe(200)
  const body = await response.body()
  expect(body.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004')
})

test('Open in CodeSandbox posts the whole app’s files to the define API', async ({
  page,
  context,
}) => {
  let posted: string | null = null
  // The POST is answered here: the test never reaches codesandbox.io.
  await context.route('https://codesandbox.io/**', async (route) => {
    posted = route.request().postData()
    await route.fulfill({ status: 200, contentType: 'text/html', body: 'received' })
  })
  await page.goto('/guide/reference#take-the-whole-app-with-you')
  const opened = context.waitForEvent('page')
  await page.getByRole('button', { name: 'Open in CodeSandbox' }).click()
  await (await opened).waitForLoadState()
  const parameters = new URLSearchParams(posted ?? '').get('parameters') ?? ''
  const decoded = JSON.parse(
    decompressFromBase64(parameters.replace(/-/g, '+').replace(/_/g, '/')) ?? 'null',
  ) as { files: Record<string, { content: string }> }
  expect(decoded.files['package.json']?.content).toBe(
    readFileSync(join(APP_DIR, 'package.json'), 'utf8'),
  )
  expect(decoded.files['pages/api/auth/[...nextauth].ts']?.content).toBe(
    readFileSync(join(APP_DIR, 'pages', 'api', 'auth', '[...nextauth].ts'), 'utf8'),
  )
})
