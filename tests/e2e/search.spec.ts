import { test } from '@playwright/test'

import { typeUntilShown } from '../support/search'

// A key term of each chapter, and the chapter search must offer for it.
const KEY_TERMS: [term: string, route: string][] = [
  ['REST', '/guide/how-it-works'],
  ['openssl', '/guide/setup'],
  ['CredentialsSignin', '/guide/providers'],
  ['trigger', '/guide/callbacks'],
  ['HKDF', '/guide/secret'],
  ['callbackUrl', '/guide/sign-in-form'],
  ['email_taken', '/guide/sign-up'],
  ['oracle', '/guide/errors'],
  ['rotation', '/guide/backend-tokens'],
  ['augmentation', '/guide/typescript'],
  ['getServerSession', '/guide/protecting-pages'],
  ['argon2id', '/guide/security-checklist'],
  ['refetchOnWindowFocus', '/guide/troubleshooting'],
  ['updateAge', '/guide/reference'],
  ['BACKEND_PORT', '/guide/demo-backend'],
]

for (const [term, route] of KEY_TERMS) {
  test(`search for "${term}" offers ${route}`, async ({ page }) => {
    await page.goto('/')
    const search = page.getByPlaceholder('Search the handbook…').first()
    const result = page.locator(`[role="option"][href^="${route}"]`).first()
    await search.click()
    await typeUntilShown(search, term, result)
  })
}
