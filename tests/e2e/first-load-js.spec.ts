import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'

import { COMPILE_HINT } from '@/lib/build/compile-first-load-eagerly.mjs'

const NEXT_DIR = join(process.cwd(), '.next')

/** Every script some page loads before it can answer a tap, from the build's manifest. */
async function firstLoadScripts(): Promise<Set<string>> {
  const manifest = JSON.parse(await readFile(join(NEXT_DIR, 'build-manifest.json'), 'utf8')) as {
    pages: Record<string, string[]>
  }
  return new Set(
    Object.values(manifest.pages)
      .flat()
      .filter((file) => file.endsWith('.js')),
  )
}

const laterChunks = async (firstLoad: Set<string>) =>
  (await readdir(join(NEXT_DIR, 'static', 'chunks'), { recursive: true }))
    .filter((file) => file.endsWith('.js'))
    .map((file) => join('static', 'chunks', file))
    .filter((file) => !firstLoad.has(file))

/** Strings only Headless UI's combobox, listbox and menu code contains (their element ids). */
const MENU_CODE = ['headlessui-combobox', 'headlessui-listbox', 'headlessui-menu']

const holdsMenuCode = async (file: string) => {
  const code = await readFile(join(NEXT_DIR, file), 'utf8')
  return MENU_CODE.some((marker) => code.includes(marker))
}

test('no page loads Headless UI’s menus and combobox first; a later chunk holds them', async () => {
  const firstLoad = await firstLoadScripts()
  expect(firstLoad.size).toBeGreaterThan(3)
  for (const file of firstLoad) expect(await holdsMenuCode(file), file).toBe(false)

  const later = []
  for (const chunk of await laterChunks(firstLoad))
    if (await holdsMenuCode(chunk)) later.push(chunk)
  expect(later.length).toBeGreaterThan(0)
})

const startsWithCompileHint = async (file: string) =>
  (await readFile(join(NEXT_DIR, file), 'utf8')).startsWith(COMPILE_HINT)

test('every first-load script asks V8 to compile it whole; chunks loaded later do not', async () => {
  const firstLoad = await firstLoadScripts()
  for (const file of firstLoad) expect(await startsWithCompileHint(file), file).toBe(true)

  const later = await laterChunks(firstLoad)
  expect(later.length).toBeGreaterThan(5)
  for (const file of later) expect(await startsWithCompileHint(file), file).toBe(false)
})
