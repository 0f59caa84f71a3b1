import { expect, test } from '@playwright/test'

/**
 * React should adopt the server's HTML, not rebuild it: rebuilding a long chapter's headings
 * restyles and relays out the whole page on a reader's phone (see components/stable-headings.ts).
 */
test('the headings the server sent are still the ones on the page after hydration', async ({
  page,
}) => {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const served = [...document.querySelectorAll('main :is(h2, h3)')]
      Object.assign(window, { servedHeadings: served })
    })
  })
  await page.goto('/guide/troubleshooting')

  const hydrated = () =>
    page.evaluate(() => {
      const [first] = (window as unknown as { servedHeadings: Element[] }).servedHeadings
      return Object.keys(first ?? {}).some((key) => key.startsWith('__reactFiber'))
    })
  await expect.poll(hydrated, { timeout: 15_000 }).toBe(true)
  await page.waitForLoadState('networkidle')
  // why: the theme's layout renders again just after hydration; a remount would happen then.
  await page.waitForTimeout(1_000)

  const replaced = await page.evaluate(() => {
    const served = (window as unknown as { servedHeadings: Element[] }).servedHeadings
    return { served: served.length, replaced: served.filter((h) => !h.isConnected).length }
  })
  expect(replaced.served).toBeGreaterThan(5)
  expect(replaced.replaced).toBe(0)
})
