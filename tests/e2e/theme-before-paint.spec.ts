import { expect, test } from '@playwright/test'

/**
 * lib/theme/before-paint.mjs: the reader's theme is on <html> before the browser has read any
 * of the page's body, so the first paint is already in the right colours.
 */
const CASES = [
  { stored: 'dark', system: 'light', expected: 'dark' },
  { stored: 'light', system: 'dark', expected: 'light' },
  { stored: 'system', system: 'dark', expected: 'dark' },
  { stored: null, system: 'dark', expected: 'dark' },
  { stored: null, system: 'light', expected: 'light' },
] as const

for (const { stored, system, expected } of CASES) {
  test(`with ${stored ?? 'no'} theme stored and a ${system} system, <body> starts ${expected}`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: system })
    await page.addInitScript((theme) => {
      if (theme) localStorage.setItem('theme', theme)
      // Records <html> the moment the parser creates <body>, before any of it can be painted.
      new MutationObserver((_, observer) => {
        if (!document.body) return
        const html = document.documentElement
        Object.assign(window, { themeAtBody: [html.className, html.style.colorScheme] })
        observer.disconnect()
      }).observe(document, { childList: true, subtree: true })
    }, stored)
    await page.goto('/guide/setup')

    const atBody = await page.evaluate(() => (window as { themeAtBody?: string[] }).themeAtBody)
    expect(atBody).toEqual([expected, expected])
    await page.waitForLoadState('networkidle')
    await expect(page.locator('html')).toHaveClass(expected)
  })
}

/**
 * A browser runs no inline script while a style sheet above it is loading: it stops reading the
 * page there. The one script a page carries runs first, before the style sheet is even asked for.
 */
test('no inline script waits for the style sheet', async ({ request }) => {
  const html = await (await request.get('/guide/reference')).text()
  const stylesheet = html.search(/<link rel="stylesheet"/)
  const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)]
    .filter(([, attributes]) => !attributes?.includes('application/json'))
    .map((match) => match.index)
  expect(stylesheet).toBeGreaterThan(0)
  expect(inlineScripts.length).toBe(1)
  for (const at of inlineScripts) expect(at).toBeLessThan(stylesheet)
})
