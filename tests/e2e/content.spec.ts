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
