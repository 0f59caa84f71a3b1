import type { FrameLocator, Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'
import { decompressFromBase64 } from 'lz-string'

import { scrollToWidget } from './widgets'

/**
 * How long a preview may take to show its first render. The first compile fetches React into the
 * preview and runs Sandpack's bundler in a second origin: tens of seconds on a busy 2-core machine.
 * Tests that wait for a preview give themselves SANDBOX_TEST_TIMEOUT_MS in all.
 */
export const PREVIEW_READY_MS = 90_000
export const SANDBOX_TEST_TIMEOUT_MS = 150_000

/** Every sandbox the chapters embed: where, and under which title. */
export const CHAPTER_SANDBOXES = [
  { route: '/guide/sign-in-form', title: 'A log-in form for every signIn() outcome' },
  { route: '/guide/callbacks', title: 'The callbacks of a Credentials sign-in, in order' },
  { route: '/guide/protecting-pages', title: 'What a page renders for each useSession() status' },
] as const

/** A sandbox on a page, found the way a reader finds it: by its title. */
export function sandboxOf(page: Page, title: string) {
  const region = page.getByRole('region', { name: title, exact: true })
  return {
    region,
    editor: region.locator('.cm-content'),
    preview: region.frameLocator('iframe[title="Sandpack Preview"]') as FrameLocator,
    reset: region.getByRole('button', { name: 'Reset' }),
    fork: region.getByText('Fork', { exact: true }),
    /** Scrolls to the sandbox and waits until Sandpack has replaced the placeholder. */
    async open() {
      // why: Sandpack's chunk is the largest a chapter loads on demand; on a host as busy as on
      // 28 November (every sandbox test 40–70 s, the build of the day before included), the
      // swap took longer than a widget's usual 30 s. The test's own budget still bounds it.
      await scrollToWidget(region, PREVIEW_READY_MS)
    },
  }
}

/** The files and template CodeSandbox would receive from a sandbox's Fork control. */
export async function forkPayloadOf(fork: Locator): Promise<{
  files: Record<string, { content: string }>
  template?: string
  environment: string | null
}> {
  // why: Sandpack builds the payload after a 600 ms debounce once its client is up; until then
  // there is none, and on a busy machine the client takes a while.
  await expect
    .poll(
      () =>
        fork.evaluate(
          (element) =>
            Boolean(element.closest('a')?.getAttribute('href')?.includes('parameters=')) ||
            Boolean(element.closest('button')?.querySelector('input[name="parameters"]')),
        ),
      { timeout: 30_000 },
    )
    .toBe(true)
  const href = await fork.evaluate((element) => element.closest('a')?.getAttribute('href'))
  const fields = href
    ? new URL(href).searchParams
    : new URLSearchParams(
        await fork.evaluate((element) =>
          [...(element.closest('button')?.querySelectorAll('input') ?? [])].map(
            (input) => [input.name, input.value] as [string, string],
          ),
        ),
      )
  const parameters = fields.get('parameters') ?? ''
  // CodeSandbox's define API takes LZ-string base64 made URL-safe; undo that to read it.
  const base64 = parameters.replace(/-/g, '+').replace(/_/g, '/')
  const decoded = JSON.parse(decompressFromBase64(base64) ?? 'null') as {
    files: Record<string, { content: string }>
    template?: string
  }
  return { ...decoded, environment: fields.get('environment') }
}
