import { createHash } from 'node:crypto'

import { expect, test } from '@playwright/test'

import { listDocRoutes } from '../support/site-pages'

test('every page is served with the security headers and without X-Powered-By', async ({
  request,
}) => {
  for (const route of [...listDocRoutes(), '/api/auth/session', '/api/backend/me']) {
    const response = await request.get(route)
    const headers = response.headers()
    expect(headers['content-security-policy'], route).toContain("frame-ancestors 'none'")
    expect(headers['content-security-policy'], route).toContain("object-src 'none'")
    expect(headers['x-content-type-options'], route).toBe('nosniff')
    expect(headers['referrer-policy'], route).toBe('strict-origin-when-cross-origin')
    expect(headers['strict-transport-security'], route).toContain('max-age=')
    expect(headers['x-powered-by'], route).toBeUndefined()
  }
})

test('the policy allows exactly the inline scripts the pages contain, by hash', async ({
  request,
}) => {
  const response = await request.get('/guide/callbacks')
  const policy = response.headers()['content-security-policy'] ?? ''
  const scriptSrc = policy.split(';').find((directive) => directive.trim().startsWith('script-src'))
  expect(scriptSrc).not.toContain("'unsafe-inline'")
  expect(scriptSrc).not.toContain("'unsafe-eval'")
  const html = await response.text()
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes]) => !attributes?.includes('application/json'))
    .map(
      ([, , body]) =>
        `'sha256-${createHash('sha256')
          .update(body ?? '')
          .digest('base64')}'`,
    )
  expect(inline.length).toBeGreaterThan(0)
  for (const hash of inline) expect(scriptSrc).toContain(hash)
})

test('an injected inline script is blocked by the policy', async ({ page }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/.test(message.text())) {
      violations.push(message.text())
    }
  })
  await page.goto('/guide/how-it-works')
  await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__injected = true'
    document.body.append(script)
  })
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined()
  await expect.poll(() => violations.length).toBeGreaterThan(0)
})
