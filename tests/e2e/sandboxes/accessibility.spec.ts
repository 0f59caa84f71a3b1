import { expect, test } from '@playwright/test'

import { blockingAxeViolations } from '../../support/axe'
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
      expect(await blockingAxeViolations(page, `section[aria-label="${title}"]`)).toEqual([])
    })
  }
}
