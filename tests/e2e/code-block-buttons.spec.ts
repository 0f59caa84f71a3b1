import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

// The copy and word-wrap buttons are our own (components/code-block.tsx), not the theme's.

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

const ROUTE_FILE = join(
  __dirname,
  '../../components/sandboxes/whole-app/nextauth-credentials-app/pages/api/auth/[...nextauth].ts',
)

/** The route's code as the chapter shows it: no region markers, an empty line as one space. */
const routeAsShown = () =>
  readFileSync(ROUTE_FILE, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*\/\/ #(end)?region\b/.test(line))
    .map((line) => line || ' ')
    .join('\n')
    .trim()

const catchAllRoute = (page: Page) =>
  page.locator('div.nextra-code').filter({ hasText: 'pages/api/auth/[...nextauth].ts' })

test('the copy button copies the block, from the keyboard too, and shows a check mark', async ({
  page,
}) => {
  await page.goto('/guide/setup')
  const block = catchAllRoute(page)
  const copy = block.getByRole('button', { name: 'Copy code' })
  const drawing = () => copy.locator('svg').innerHTML()
  const copyIcon = await drawing()
  // Every drawing the button shows is recorded as it happens: the check mark lasts two seconds,
  // and on a loaded machine the clipboard read below can take longer than that.
  await copy.evaluate((button) => {
    const seen: string[] = []
    Object.assign(window, { copyButtonDrawings: seen })
    new MutationObserver(() => seen.push(button.querySelector('svg')?.innerHTML ?? '')).observe(
      button,
      { childList: true, subtree: true, characterData: true, attributes: true },
    )
  })
  await copy.focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(routeAsShown())
  // The icon turns into a check mark (a different drawing) for a moment, then back.
  const drawingsSeen = () =>
    page.evaluate(() => (window as unknown as { copyButtonDrawings: string[] }).copyButtonDrawings)
  await expect.poll(async () => (await drawingsSeen()).some((seen) => seen !== copyIcon)).toBe(true)
  await expect.poll(drawing, { timeout: 5_000 }).toBe(copyIcon)
})

test('on a phone, the word-wrap switch wraps every long line and unwraps them @phone-only', async ({
  page,
}) => {
  await page.goto('/guide/setup')
  const block = page.locator('div.nextra-code').filter({ hasText: 'pages/_app.tsx' })
  const pre = block.locator('pre')
  const overflows = () => pre.evaluate((element) => element.scrollWidth > element.clientWidth)
  await pre.scrollIntoViewIfNeeded()
  expect(await overflows()).toBe(true)
  await block.hover()
  await block.getByRole('button', { name: 'Toggle word wrap' }).click()
  await expect(page.locator('html')).toHaveAttribute('data-nextra-word-wrap', '')
  expect(await overflows()).toBe(false)
  await block.getByRole('button', { name: 'Toggle word wrap' }).click()
  await expect(page.locator('html')).not.toHaveAttribute('data-nextra-word-wrap')
  expect(await overflows()).toBe(true)
})
