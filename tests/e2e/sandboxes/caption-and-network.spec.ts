import { expect, test } from '@playwright/test'

import {
  CHAPTER_SANDBOXES,
  PREVIEW_READY_MS,
  SANDBOX_TEST_TIMEOUT_MS,
  sandboxOf,
} from '../../support/sandbox'

const MODELS: Record<string, string> = {
  '/guide/sign-in-form': 'next-auth-model.ts',
  '/guide/callbacks': 'credentials-flow-model.ts',
  '/guide/protecting-pages': 'next-auth-react-model.tsx',
}

const isLocal = (url: URL) => url.hostname === 'localhost' || url.hostname.endsWith('.localhost')

for (const { route, title } of CHAPTER_SANDBOXES) {
  test(`the sandbox of ${route} says once, before and after it loads, that it runs a tested model of next-auth`, async ({
    page,
  }) => {
    test.setTimeout(SANDBOX_TEST_TIMEOUT_MS)
    // In the page as served, before Sandpack loads: the reader meets it with the code.
    const html = await (await page.request.get(route)).text()
    expect(html.split('is a model of next-auth 4.24')).toHaveLength(2)
    await page.goto(route)
    const sandbox = sandboxOf(page, title)
    await sandbox.open()
    // And once Sandpack has replaced the placeholder, still once.
    const caption = page.getByText('is a model of next-auth 4.24')
    await expect(caption).toHaveCount(1)
    await expect(caption).toContainText(MODELS[route] ?? '')
    await expect(caption).toContainText('tests check against the real library')
    await expect(sandbox.region).toHaveAccessibleDescription(/is a model of next-auth 4\.24/)
    // Right under the sandbox.
    const region = await sandbox.region.boundingBox()
    const line = await caption.boundingBox()
    expect(line && region && line.y - (region.y + region.height)).toBeLessThan(16)
    expect(line && region && line.y - (region.y + region.height)).toBeGreaterThanOrEqual(0)
  })
}

for (const blocking of ['refused', 'answered 404'] as const) {
  test(`a preview whose npm CDN is ${blocking} says so in the page`, async ({ page, context }) => {
    test.setTimeout(SANDBOX_TEST_TIMEOUT_MS)
    const blocked: string[] = []
    // Only the site and the bundler's origin answer; every npm CDN is out of reach.
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url())
      if (isLocal(url)) return route.continue()
      blocked.push(url.host)
      return blocking === 'refused'
        ? route.abort('connectionrefused')
        : route.fulfill({ status: 404, body: 'not here' })
    })
    const { route, title } = CHAPTER_SANDBOXES[0]
    await page.goto(route)
    const sandbox = sandboxOf(page, title)
    await sandbox.open()
    const notice = sandbox.region.getByText(
      /The preview (could not download|is still waiting for) its npm packages/,
    )
    await expect(notice).toBeVisible({ timeout: PREVIEW_READY_MS })
    await expect(sandbox.region).toContainText('public npm CDN')
    // Not Sandpack's raw error in its place, and not as well.
    await expect(sandbox.region.getByText('The preview stopped with an error')).toHaveCount(0)
    expect(blocked.length, 'the bundler asked an npm CDN for packages').toBeGreaterThan(0)
  })
}
