import { expect, test } from '@playwright/test'

import { measureLines } from '../../support/code-lines'
import { isDeferring } from '../../support/deferred-blocks'
import { layoutShiftSoFar, watchLayoutShift } from '../../support/layout-shift'
import { serveNpmFromNodeModules } from '../../support/offline-npm'
import {
  CHAPTER_SANDBOXES,
  PREVIEW_READY_MS,
  SANDBOX_TEST_TIMEOUT_MS,
  sandboxOf,
} from '../../support/sandbox'

/** How many of the active file's first lines are compared (all of them on screen on a phone). */
const PROBE_LINES = 10

for (const { route, title } of CHAPTER_SANDBOXES) {
  test(`${route} shifts no layout when its sandbox arrives, and moves no line of its code @phone`, async ({
    page,
    context,
  }, testInfo) => {
    test.setTimeout(SANDBOX_TEST_TIMEOUT_MS)
    await serveNpmFromNodeModules(context)
    await watchLayoutShift(page)
    await page.goto(route)
    // why: a scroll that lands before the chapter's skipped blocks are drawn can see them move
    // what is on screen (docs/performance.md, "Also seen"). That is the subject of
    // deferred-blocks.spec, not of this test, and on a very busy host it was what this measured.
    await expect.poll(() => isDeferring(page)).toBe(false)
    const sandbox = sandboxOf(page, title)
    const before = await sandbox.region.boundingBox()
    const placeholderCode = sandbox.region.locator('pre')
    const lines = ((await placeholderCode.textContent()) ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, PROBE_LINES)
    expect(lines).toHaveLength(PROBE_LINES)
    const placeholderLines = await measureLines(placeholderCode, sandbox.region, lines)

    await sandbox.open()
    await expect(sandbox.preview.locator('main, form').first()).toBeVisible({
      timeout: PREVIEW_READY_MS,
    })
    const after = await sandbox.region.boundingBox()
    expect(after?.height).toBe(before?.height)
    expect(await layoutShiftSoFar(page)).toBeLessThan(0.02)

    // The editor lays out the code where the placeholder had it: same place, same wrapping.
    const editorLines = await measureLines(sandbox.editor, sandbox.region, lines)
    for (const [index, line] of editorLines.entries()) {
      const shown = placeholderLines[index]
      expect(line.rows, `rows of “${line.text}”`).toBe(shown?.rows)
      expect(Math.abs(line.left - (shown?.left ?? 0)), `left of “${line.text}”`).toBeLessThan(1.5)
      expect(Math.abs(line.top - (shown?.top ?? 0)), `top of “${line.text}”`).toBeLessThan(1.5)
    }
    // On a desktop the editor has the column's width: no line wraps more than once.
    if (testInfo.project.name === 'desktop') {
      const wrapped = editorLines.filter((line) => line.rows > 1)
      expect(Math.max(...editorLines.map((line) => line.rows))).toBeLessThanOrEqual(2)
      testInfo.annotations.push({
        type: 'wrapped lines',
        description: `${wrapped.length} of ${lines.length}: ${wrapped.map((l) => l.text).join(' | ')}`,
      })
    }

    // The sandbox fits the screen: no sideways scrolling on a phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
  })
}

test('the editor takes the chapter column’s width, with the preview under it', async ({
  page,
  context,
}) => {
  test.setTimeout(SANDBOX_TEST_TIMEOUT_MS)
  await serveNpmFromNodeModules(context)
  const { route, title } = CHAPTER_SANDBOXES[0]
  await page.goto(route)
  const sandbox = sandboxOf(page, title)
  await sandbox.open()
  const region = await sandbox.region.boundingBox()
  const editor = await sandbox.region.locator('.cm-editor').boundingBox()
  const preview = await sandbox.region.locator('iframe').boundingBox()
  expect(region && editor && preview).toBeTruthy()
  if (!region || !editor || !preview) return
  expect(editor.width).toBeGreaterThan(region.width - 4)
  expect(preview.y).toBeGreaterThanOrEqual(editor.y + editor.height - 1)
  expect(preview.width).toBeGreaterThan(region.width - 4)
})
