import type { Page } from '@playwright/test'

import { DEFER_BLOCKS_ATTRIBUTE } from '../../lib/theme/before-paint.mjs'

/** Whether the page still lets the browser skip chapter blocks (lib/client/deferred-blocks.ts). */
export const isDeferring = (page: Page) =>
  page.evaluate((name) => document.documentElement.hasAttribute(name), DEFER_BLOCKS_ATTRIBUTE)
