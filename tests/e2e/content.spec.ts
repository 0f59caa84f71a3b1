import { expect, test } from '@playwright/test'

test('a mermaid diagram is drawn as an SVG in place of its source', async ({ page }) => {
  await page.goto('/guide/how-it-works')
  const diagram = page.locator('article svg[aria-roledescription^="flowchart"]')
  await diagram.scrollIntoViewIfNeeded()
  await expect(diagram).toBeVisible()
  await expect(diagram).toContainText('authorize()')
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
