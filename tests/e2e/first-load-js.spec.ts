import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'

const NEXT_DIR = join(process.cwd(), '.next')

/** Strings only Headless UI's combobox, listbox and menu code contains (their element ids). */
const MENU_CODE = ['headlessui-combobox', 'headlessui-listbox', 'headlessui-menu']

const holdsMenuCode = async (file: string) => {
  const code = await readFile(join(NEXT_DIR, file), 'utf8')
  return MENU_CODE.some((marker) => code.includes(marker))
}

test('no page loads Headless UI’s menus and combobox first; a later chunk holds them', async () => {
  const manifest = JSON.parse(await readFile(join(NEXT_DIR, 'build-manifest.json'), 'utf8')) as {
    pages: Record<string, string[]>
  }
  const firstLoad = new Set(
    Object.values(manifest.pages)
      .flat()
      .filter((file) => file.endsWith('.js')),
  )
  expect(firstLoad.size).toBeGreaterThan(3)
  for (const file of firstLoad) expect(await holdsMenuCode(file), file).toBe(false)

  const chunks = (await readdir(join(NEXT_DIR, 'static', 'chunks'))).filter((f) =>
    f.endsWith('.js'),
  )
  const later = []
  for (const chunk of chunks)
    if (await holdsMenuCode(join('static', 'chunks', chunk))) later.push(chunk)
  expect(later.length).toBeGreaterThan(0)
})
