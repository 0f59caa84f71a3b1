import { expect, test } from '@playwright/test'

/**
 * A code block off screen is not drawn until the reader scrolls near it, and stands in at a
 * height computed from its line count (components/global.css). If that height is wrong, the page
 * moves when the block is drawn. Each block's stand-in height must equal its drawn height.
 */
const CHAPTERS = ['/guide/troubleshooting', '/guide/security-checklist', '/guide/demo-backend']

for (const route of CHAPTERS) {
  test(`${route}: code blocks off screen stand in at their drawn height @phone`, async ({
    page,
  }) => {
    await page.goto(route)
    const blocks = page.locator('.nextra-code > pre')
    await expect(blocks.first()).toBeAttached()

    const measure = () =>
      blocks.evaluateAll((pres) => pres.map((pre) => pre.getBoundingClientRect().height))
    const skipped = await blocks.evaluateAll((pres) =>
      pres.map((pre) => pre.getBoundingClientRect().top > 2 * window.innerHeight),
    )
    const standIn = await measure()
    await page.addStyleTag({
      content: '.nextra-code > pre { content-visibility: visible !important }',
    })
    const drawn = await measure()

    // The far blocks were not drawn on arrival; otherwise this test would compare nothing.
    expect(skipped.filter(Boolean).length).toBeGreaterThan(0)
    for (const [index, height] of drawn.entries()) {
      expect(standIn[index], `block ${index + 1} of ${drawn.length}`).toBeCloseTo(height, 0)
    }
  })
}
