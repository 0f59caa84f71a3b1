/**
 * `npm run bench:bytes`: first-load JavaScript of every chapter against the baseline page, from
 * the production build's own manifest. First load is what Next itself counts: the page's
 * entry chunks plus `_app`'s, each file once, gzipped here (level 9, as a CDN would serve
 * it). Chunks loaded later with `import()` are not in it: that is the point of loading late.
 * Budget: at most 25 kB more than the baseline for any chapter.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import { z } from 'zod'

import { BASELINE_ROUTE, listChapterRoutes } from './chapters'
import { fixed, printGrid, runBench, verdict, writeResults } from './report'

const MAX_EXTRA_KB = 25
const NEXT_DIR = join(process.cwd(), '.next')

const buildManifestSchema = z.object({ pages: z.record(z.string(), z.array(z.string())) })

/** The JavaScript files a browser loads first for `route`, `_app`'s included. */
function firstLoadFiles(pages: Record<string, string[]>, route: string): string[] {
  const own = pages[route]
  if (!own) throw new Error(`the build has no page ${route}; rebuild with \`npm run build\``)
  return [...new Set([...(pages['/_app'] ?? []), ...own])].filter((file) => file.endsWith('.js'))
}

async function main(): Promise<boolean> {
  const manifest = buildManifestSchema.parse(
    JSON.parse(await readFile(join(NEXT_DIR, 'build-manifest.json'), 'utf8')),
  )
  const gzippedBytes = new Map<string, number>()
  const kbOf = async (route: string) => {
    let total = 0
    for (const file of firstLoadFiles(manifest.pages, route)) {
      if (!gzippedBytes.has(file)) {
        const bytes = gzipSync(await readFile(join(NEXT_DIR, file)), { level: 9 }).length
        gzippedBytes.set(file, bytes)
      }
      total += gzippedBytes.get(file) ?? 0
    }
    return total / 1000
  }

  const baselineKb = await kbOf(BASELINE_ROUTE)
  const results = []
  for (const route of listChapterRoutes()) {
    const kb = await kbOf(route)
    const extraKb = kb - baselineKb
    results.push({ route, kb, extraKb, ratio: kb / baselineKb, pass: extraKb <= MAX_EXTRA_KB })
  }
  printGrid(
    `First-load JavaScript, gzipped; budget: ≤ ${MAX_EXTRA_KB} kB above the baseline`,
    ['page', 'kB', 'extra kB', 'ratio', 'result'],
    [
      [`${BASELINE_ROUTE} (baseline)`, fixed(baselineKb), '', '', ''],
      ...results.map((r) => [
        r.route,
        fixed(r.kb),
        `${r.extraKb >= 0 ? '+' : ''}${fixed(r.extraKb)}`,
        `${fixed(r.ratio, 2)}×`,
        verdict(r.pass),
      ]),
    ],
  )
  const pass = results.every((r) => r.pass)
  await writeResults('bytes', {
    measuredAt: new Date().toISOString(),
    maxExtraKb: MAX_EXTRA_KB,
    baselineKb,
    results,
    pass,
  })
  return pass
}

runBench(main)
