import { expect, test } from '@playwright/test'

test('a mermaid diagram arrives drawn, in the theme of the page, with its text alternative', async ({
  page,
}) => {
  await page.goto('/guide/how-it-works')
  const figure = page.locator('article figure.diagram-figure').first()
  const light = figure.getByRole('img', { name: /^How the pieces connect\./ })
  await expect(light).toBeVisible()
  // The drawing is a real image of the diagram: loaded, and holding the diagram's words.
  expect(await light.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0)
  const svg = await (await page.request.get((await light.getAttribute('src')) ?? '')).text()
  expect(svg).toContain('authorize()')
  // No mermaid runs in the reader's browser for it.
  expect(await page.evaluate(() => 'mermaid' in window)).toBe(false)

  await page.emulateMedia({ colorScheme: 'dark' })
  await page.evaluate(() => document.documentElement.classList.add('dark'))
  await expect(figure.locator('img.diagram-dark')).toBeVisible()
  await expect(figure.locator('img.diagram-light')).toBeHidden()
})

test('code blocks are highlighted, with their file name and a copy button', async ({ page }) => {
  await page.goto('/guide/setup')
  const figure = page
    .locator('.nextra-code')
    .filter({ has: page.locator('pre', { hasText: 'SessionProvider session={session}' }) })
  await expect(figure.getByText('pages/_app.tsx', { exact: true })).toBeVisible()
  const block = figure.locator('pre')
  const tokenColors = await block
    .locator('code span[style]')
    .evaluateAll((spans) => new Set(spans.map((span) => getComputedStyle(span).color)).size)
  // why: highlighted code has several token colours; plain text would have exactly one.
  expect(tokenColors).toBeGreaterThan(3)
  await expect(block.locator('[data-highlighted-line]')).toHaveCount(3)
  await block.hover()
  await expect(page.getByRole('button', { name: 'Copy code' }).first()).toBeAttached()
})

test('llms.txt lists every chapter, and each links to a plain-markdown copy', async ({
  request,
}) => {
  const index = await request.get('/llms.txt')
  expect(index.status()).toBe(200)
  const text = await index.text()
  const links = [...text.matchAll(/\]\((\/md\/[^)]+\.md)\)/g)].map((match) => match[1] ?? '')
  expect(links).toContain('/md/guide/callbacks.md')
  expect(links.length).toBeGreaterThanOrEqual(16)
  const callbacks = await (await request.get('/md/guide/callbacks.md')).text()
  expect(callbacks).toMatch(/^# Callbacks\n/)
  expect(callbacks).toContain('`jwt` always runs before `session`')
  expect(callbacks).not.toContain('import ')
})
