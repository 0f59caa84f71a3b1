import type { Locator } from '@playwright/test'
import { expect } from '@playwright/test'

/**
 * Scrolls to a widget that loads when the reader comes near it (components/load-when-near.tsx)
 * and waits until it has replaced its placeholder, which carries the same region name and
 * `aria-busy`. The swap can happen while the page is scrolling, which detaches the element
 * being scrolled to; the scroll is then tried again.
 */
export async function scrollToWidget(widget: Locator, timeout = 30_000) {
  await expect(async () => {
    await widget.scrollIntoViewIfNeeded({ timeout: 2_000 })
    await expect(widget).not.toHaveAttribute('aria-busy', 'true', { timeout: 2_000 })
  }).toPass({ timeout })
}
