import type { Page } from '@playwright/test'
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
  // No mermaid runs in the reader's browser for it, and the image is the browser's own: no zoom
  // wrapper measuring it as the page loads (components/image-without-zoom.tsx).
  expect(await page.evaluate(() => 'mermaid' in window)).toBe(false)
  expect(await light.evaluate((image) => image.parentElement?.tagName)).toBe('FIGURE')
  await expect(page.locator('[data-rmiz], [data-rmiz-ghost]')).toHaveCount(0)

  await page.emulateMedia({ colorScheme: 'dark' })
  await page.evaluate(() => document.documentElement.classList.add('dark'))
  await expect(figure.locator('img.diagram-dark')).toBeVisible()
  await expect(figure.locator('img.diagram-light')).toBeHidden()
})

test('code blocks are highlighted, with their file name and a copy button', async ({ page }) => {
  await page.goto('/guide/setup')
  const figure = page.locator('.nextra-code').filter({
    has: page.locator('pre', { hasText: 'SessionProvider session={pageProps.session}' }),
  })
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

test('a chapter says when it last changed, without loading Intl for it', async ({ page }) => {
  await page.addInitScript(() => {
    // Counts every Intl date formatter the page makes while it loads and hydrates.
    const counter = window as unknown as { intlDateFormatters: number }
    counter.intlDateFormatters = 0
    const Original = Intl.DateTimeFormat
    const counted = function (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      counter.intlDateFormatters++
      return new Original(...args)
    }
    Object.setPrototypeOf(counted, Original)
    Intl.DateTimeFormat = counted as unknown as typeof Intl.DateTimeFormat
    const toLocaleDateString = Date.prototype.toLocaleDateString
    Date.prototype.toLocaleDateString = function (
      this: Date,
      ...args: Parameters<Date['toLocaleDateString']>
    ) {
      counter.intlDateFormatters++
      return toLocaleDateString.apply(this, args)
    }
  })
  await page.goto('/guide/setup')
  const time = page
    .locator('article')
    .getByText(/^Last updated on /)
    .locator('time')
  await expect(time).toHaveText(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/)
  const formatters = await page.evaluate(
    () => (window as unknown as { intlDateFormatters: number }).intlDateFormatters,
  )
  expect(formatters).toBe(0)
  // The same words Intl would have written for the day in UTC, as the server wrote them.
  const dateTime = (await time.getAttribute('datetime')) ?? ''
  const expected = await page.evaluate(
    (iso) =>
      new Date(iso).toLocaleDateString('en-US', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }),
    dateTime,
  )
  await expect(time).toHaveText(expected)
})

test.describe('for a reader fourteen hours ahead of UTC', () => {
  test.use({ timezoneId: 'Pacific/Kiritimati', viewport: { width: 1280, height: 1400 } })

  test('the last-updated line comes with the page, so the footer under it never moves', async ({
    browser,
    page,
  }) => {
    // A short page: its footer is on the screen.
    const route = '/bench-baseline'
    // The previous/next link under the page: the theme gives only those a title.
    const footerTop = (on: Page) =>
      on
        .locator('article a[title]')
        .first()
        .evaluate((link) => Math.round(link.getBoundingClientRect().top))
    const serverOnly = await browser.newPage({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 1400 },
    })
    await serverOnly.goto(route)
    const lineAsSent = serverOnly.locator('article').getByText(/^Last updated on /)
    await expect(lineAsSent, 'the line is in the HTML the server sends').toBeVisible()
    const sentText = await lineAsSent.innerText()
    const topAsSent = await footerTop(serverOnly)
    await serverOnly.close()

    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(route)
    await expect(page.getByTestId('navbar-session')).toBeAttached()
    await expect(page.locator('article').getByText(/^Last updated on /)).toHaveText(sentText)
    expect(await footerTop(page)).toBe(topAsSent)
    // Hydration kept the server's markup: React reports a mismatch as an error.
    expect(errors).toEqual([])
  })
})

test('the table of contents holds its column before the chapter has arrived', async ({
  browser,
}) => {
  // The browser paints what it has parsed when the network or the CPU is slow, and the theme
  // sends the table of contents before the chapter. Without JavaScript, so nothing re-renders.
  const page = await browser.newPage({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 720 },
  })
  await page.goto('/guide/setup')
  const toc = page.locator('nav.nextra-toc')
  const leftOf = () => toc.evaluate((nav) => Math.round(nav.getBoundingClientRect().left))
  const withChapter = await leftOf()
  await page.locator('article.nextra-content').evaluate((chapter) => chapter.remove())
  expect(await leftOf()).toBe(withChapter)
  await page.close()
})
