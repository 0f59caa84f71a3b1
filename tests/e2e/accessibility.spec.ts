import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

import { listDocRoutes } from '../support/site-pages'

for (const route of listDocRoutes()) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation on ${route} in ${theme} mode`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: theme })
      await page.goto(route)
      // why: pages with the lab poll their trace, so the network never goes idle; the
      // navbar's session slot is filled once React has hydrated and the session is known.
      await expect(page.getByTestId('navbar-session').first()).toBeAttached()
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze()
      const blocking = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(', ')}`)
      expect(blocking).toEqual([])
    })
  }
}
