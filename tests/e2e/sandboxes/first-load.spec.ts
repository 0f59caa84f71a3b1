import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'

import { listDocRoutes } from '../../support/site-pages'

const NEXT_DIR = join(process.cwd(), '.next')

/** Strings only Sandpack's code contains: its preview's title and CodeMirror's editor class. */
const SANDPACK_MARKERS = ['Sandpack Preview', 'cm-editor']

test('no page’s first-load JavaScript contains Sandpack', () => {
  const manifest = JSON.parse(readFileSync(join(NEXT_DIR, 'build-manifest.json'), 'utf8')) as {
    pages: Record<string, string[]>
  }
  const routes = listDocRoutes().map((route) => (route === '/' ? '/' : route))
  for (const route of [...routes, '/_app']) {
    const files = manifest.pages[route]
    expect(files, `build manifest entry for ${route}`).toBeDefined()
    for (const file of (files ?? []).filter((name) => name.endsWith('.js'))) {
      const code = readFileSync(join(NEXT_DIR, file), 'utf8')
      for (const marker of SANDPACK_MARKERS) {
        expect(code.includes(marker), `${marker} in ${file} (first load of ${route})`).toBe(false)
      }
    }
  }
  // The markers must exist somewhere, or this test could not fail.
  const lazyChunks = Object.values(
    JSON.parse(readFileSync(join(NEXT_DIR, 'react-loadable-manifest.json'), 'utf8')) as Record<
      string,
      { files: string[] }
    >,
  ).flatMap((entry) => entry.files)
  const sandpackChunk = lazyChunks.find((file) =>
    readFileSync(join(NEXT_DIR, file), 'utf8').includes(SANDPACK_MARKERS[0] ?? ''),
  )
  expect(sandpackChunk).toBeDefined()
})
