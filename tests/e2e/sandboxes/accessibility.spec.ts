import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

import { serveNpmFromNodeModules } from '../../support/offline-npm'
import { sandboxOf } from '../../support/sandbox'

const SANDBOXES = [
  { route: '/guide/sign-in-form', title: 'A log-in form for every signIn() outcome' },
  { route: '/guide/callbacks', title: 'The callbacks of a Credentials sign-in, in order' },
  { route: '/guide/protecting-pages', title: 'What a page renders for each useSession() status' },
]

for (const { route, title } of SANDBOXES) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation in the loaded sandbox of ${route}, ${theme}`, async ({
      page,
      context,
    }) => {
      test.setTimeout(90_000)
      await serveNpmFromNodeModules(context)
      await page.emulateMedia({ colorScheme: theme })
      await page.goto(route)
      const sandbox = sandboxOf(page, title)
      await sandbox.open()
      await expect(sandbox.preview.locator('main, form').first()).toBeVisible({ timeout: 60_000 })
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
