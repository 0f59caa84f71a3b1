import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

import { serveNpmFromNodeModules } from '../../support/offline-npm'
import {
  CHAPTER_SANDBOXES,
  PREVIEW_READY_MS,
  SANDBOX_TEST_TIMEOUT_MS,
  sandboxOf,
} from '../../support/sandbox'

for (const { route, title } of CHAPTER_SANDBOXES) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation in the loaded sandbox of ${route}, ${theme}`, async ({
      page,
      context,
    }) => {
      test.setTimeout(SANDBOX_TEST_TIMEOUT_MS)
      await serveNpmFromNodeModules(context)
      await page.emulateMedia({ colorScheme: theme })
      await page.goto(route)
      const sandbox = sandboxOf(page, title)
      await sandbox.open()
      await expect(sandbox.preview.locator('main, form').first()).toBeVisible({
        timeout: PREVIEW_READY_MS,
      })
      const results = await new AxeBuilder({ page })
        .include(`section[aria-label="${title}"]`)
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze()
      const blocking = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(', ')}`)
      expect(blocking).toEqual([])
    })
  }
}
