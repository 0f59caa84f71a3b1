import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import type { FrameLocator } from '@playwright/test'
import { expect, test } from '@playwright/test'

import type { NetworkLog } from '../../support/offline-npm'
import { serveNpmFromNodeModules } from '../../support/offline-npm'
import {
  forkPayloadOf,
  PREVIEW_READY_MS,
  SANDBOX_TEST_TIMEOUT_MS,
  sandboxOf,
} from '../../support/sandbox'

type Case = {
  route: string
  title: string
  folder: string
  files: string[]
  /** Drives the preview to the output the sandbox exists to show, and checks it. */
  expectOutput(preview: FrameLocator, edited: boolean): Promise<void>
  /** A line of the editor's first file (without its indentation), and what to write instead. */
  edit: { line: string; replacement: string }
}

const CASES: Case[] = [
  {
    route: '/guide/callbacks',
    title: 'The callbacks of a Credentials sign-in, in order',
    folder: 'callbacks-pipeline',
    files: ['callbacks.ts', 'App.tsx', 'credentials-flow-model.ts', 'styles.css'],
    edit: { line: "name: 'Demo Reader',", replacement: "name: 'Edited Reader'," },
    async expectOutput(preview, edited) {
      // why: the preview recompiles a moment after an edit; sign in again until it has.
      await expect(async () => {
        await preview.getByRole('button', { name: 'Sign in' }).click()
        await expect(preview.getByTestId('signin-result')).toContainText('"ok": true')
        await expect(preview.getByTestId('session')).toContainText(
          edited ? '"name": "Edited Reader"' : '"name": "Demo Reader"',
          { timeout: 2_000 },
        )
      }).toPass({ timeout: 30_000 })
    },
  },
  {
    route: '/guide/protecting-pages',
    title: 'What a page renders for each useSession() status',
    folder: 'use-session-states',
    files: ['AccountPage.tsx', 'App.tsx', 'next-auth-react-model.tsx', 'styles.css'],
    edit: {
      line: 'You are not signed in. <a href="/login">Sign in</a> to see your account.',
      replacement: 'Nobody is signed in. <a href="/login">Sign in</a> to see your account.',
    },
    async expectOutput(preview, edited) {
      // why: fast refresh keeps the chosen state across an edit; start from loading each time.
      await preview.getByLabel('loading', { exact: true }).check({ timeout: 5_000 })
      await expect(preview.getByText('"status": "loading"')).toBeVisible()
      await preview.getByLabel('authenticated', { exact: true }).check({ timeout: 5_000 })
      await expect(preview.getByText('Signed in as')).toContainText('Demo Reader')
      await preview.getByLabel('unauthenticated', { exact: true }).check({ timeout: 5_000 })
      await expect(preview.getByRole('link', { name: 'Sign in' })).toBeVisible()
      await expect(preview.getByText(/signed in\. Sign in to see your account/)).toContainText(
        edited ? 'Nobody is signed in' : 'You are not signed in',
        { timeout: 3_000 },
      )
    },
  },
]

const sourceOf = (sandboxCase: Case, file: string) =>
  join(process.cwd(), 'components', 'sandboxes', sandboxCase.folder, file)

for (const sandboxCase of CASES) {
  test.describe(`${sandboxCase.title}, with the internet cut off`, () => {
    let network: NetworkLog
    test.beforeEach(async ({ context, page }) => {
      test.setTimeout(SANDBOX_TEST_TIMEOUT_MS)
      network = await serveNpmFromNodeModules(context)
      await page.goto(sandboxCase.route)
    })

    test('renders, an edit changes the preview, and Reset brings the original back', async ({
      page,
    }) => {
      const sandbox = sandboxOf(page, sandboxCase.title)
      await sandbox.open()
      await expect(sandbox.preview.locator('main')).toBeVisible({ timeout: PREVIEW_READY_MS })
      await sandboxCase.expectOutput(sandbox.preview, false)
      expect(network.blocked).toEqual([])

      // Select the whole line in the editor (a triple click) and write another, as a reader would.
      const firstFile = readFileSync(sourceOf(sandboxCase, sandboxCase.files[0] ?? ''), 'utf8')
      const indent = /^\s*/.exec(
        firstFile.split('\n').find((line) => line.trim() === sandboxCase.edit.line) ?? '',
      )?.[0]
      await sandbox.editor
        .locator('.cm-line', { hasText: sandboxCase.edit.line })
        .click({ clickCount: 3 })
      // why: insertText, not type: letter by letter, the editor's autocompletion can take keys.
      await page.keyboard.insertText(`${indent}${sandboxCase.edit.replacement}\n`)
      await expect(sandbox.editor).toContainText(sandboxCase.edit.replacement)
      // why: the preview recompiles and re-renders a moment after each change of the code;
      // a step that lands in between is simply done again.
      const settled = { intervals: [1_000], timeout: 40_000 }
      await expect(() => sandboxCase.expectOutput(sandbox.preview, true)).toPass(settled)

      await sandbox.reset.click()
      await expect(sandbox.editor).not.toContainText(sandboxCase.edit.replacement)
      await expect(() => sandboxCase.expectOutput(sandbox.preview, false)).toPass(settled)
    })

    test('Fork hands CodeSandbox the sandbox’s files and template', async ({ page }) => {
      const sandbox = sandboxOf(page, sandboxCase.title)
      await sandbox.open()
      const payload = await forkPayloadOf(sandbox.fork)
      expect(payload.environment).toBe('create-react-app')
      for (const file of sandboxCase.files) {
        const source = readFileSync(sourceOf(sandboxCase, file), 'utf8')
        expect(payload.files[file]?.content, file).toBe(source)
      }
    })
  })
}
