import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

import type { NetworkLog } from '../../support/offline-npm'
import { serveNpmFromNodeModules } from '../../support/offline-npm'
import {
  forkPayloadOf,
  PREVIEW_READY_MS,
  SANDBOX_TEST_TIMEOUT_MS,
  sandboxOf,
} from '../../support/sandbox'

const TITLE = 'A log-in form for every signIn() outcome'
const SOURCE_DIR = join(process.cwd(), 'components', 'sandboxes', 'sign-in-form')
const source = (file: string) => readFileSync(join(SOURCE_DIR, file), 'utf8')

/** Opens the chapter and waits for the preview's first compile (it fetches React first). */
async function openWithPreview(page: Page) {
  await page.goto('/guide/sign-in-form')
  const sandbox = sandboxOf(page, TITLE)
  await sandbox.open()
  await expect(sandbox.preview.getByRole('button', { name: 'Log in' })).toBeVisible({
    timeout: PREVIEW_READY_MS,
  })
  return sandbox
}

test.describe('the sign-in form sandbox, with the internet cut off', () => {
  let network: NetworkLog
  test.beforeEach(async ({ context }) => {
    test.setTimeout(SANDBOX_TEST_TIMEOUT_MS)
    network = await serveNpmFromNodeModules(context)
  })

  test('runs from the bundler the site serves on its own origin and signs in through the model', async ({
    page,
    baseURL,
  }) => {
    const sandbox = await openWithPreview(page)
    const logIn = sandbox.preview.getByRole('button', { name: 'Log in' })

    const previewFrame = page.frames().find((frame) => frame.url().includes('sandpack.'))
    const sitePort = new URL(baseURL ?? '').port
    expect(previewFrame?.url()).toBe(`http://sandpack.localhost:${sitePort}/index.html`)

    await logIn.click()
    await expect(sandbox.preview.getByRole('status')).toHaveText(
      /^Signed in as demo@example.com\. Next stop: /,
    )
    await sandbox.preview.getByLabel('The server').selectOption('signin-returns-false')
    await logIn.click()
    await expect(sandbox.preview.getByRole('status')).toHaveText('This account may not sign in.')
    // Everything the preview needed came from the site or from npm (here: node_modules).
    expect(network.blocked).toEqual([])
    expect(network.answered.some((url) => url.includes('/react-dom/'))).toBe(true)
  })

  test('an edit changes the preview, and Reset brings the chapter’s code back', async ({
    page,
  }) => {
    const sandbox = await openWithPreview(page)

    // Double-click the word "Log" of the button's label in the editor and type over it. The
    // editor draws only the lines near its viewport: go to the end, where the label is, first.
    await sandbox.editor.click()
    await page.keyboard.press('Control+End')
    const label = sandbox.editor.getByText("'Log in'")
    await label.scrollIntoViewIfNeeded()
    await label.dblclick({ position: { x: 12, y: 5 } })
    await page.keyboard.type('Sign')
    await expect(sandbox.editor).toContainText("'Sign in'")
    await expect(sandbox.preview.getByRole('button', { name: 'Sign in' })).toBeVisible({
      timeout: 30_000,
    })

    await sandbox.reset.click()
    await expect(sandbox.preview.getByRole('button', { name: 'Log in' })).toBeVisible({
      timeout: 30_000,
    })
    await expect(sandbox.editor).not.toContainText("'Sign in'")
  })

  test('Fork hands CodeSandbox the sandbox’s own files and template', async ({ page }) => {
    await page.goto('/guide/sign-in-form')
    const sandbox = sandboxOf(page, TITLE)
    await sandbox.open()
    const payload = await forkPayloadOf(sandbox.fork)
    expect(payload.environment).toBe('create-react-app')
    expect(payload.files['App.tsx']?.content).toBe(source('App.tsx'))
    expect(payload.files['next-auth-model.ts']?.content).toBe(source('next-auth-model.ts'))
    expect(payload.files['styles.css']?.content).toBe(source('styles.css'))
    const manifest = JSON.parse(payload.files['package.json']?.content ?? '{}') as {
      dependencies?: Record<string, string>
    }
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(
      expect.arrayContaining(['react', 'react-dom']),
    )
    expect(payload.files['index.tsx']?.content).toContain('createRoot')
  })

  test('a compile error shows over the preview and goes away when the code is fixed', async ({
    page,
  }) => {
    const sandbox = await openWithPreview(page)
    await sandbox.editor.getByText('export default function App').click()
    await page.keyboard.press('End')
    await page.keyboard.type(' <<<')
    const alert = sandbox.region.getByRole('alert')
    await expect(alert).toContainText('The preview stopped with an error', { timeout: 30_000 })
    await sandbox.reset.click()
    await expect(alert).toBeHidden({ timeout: 30_000 })
  })
})
