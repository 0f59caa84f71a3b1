#!/usr/bin/env node
/**
 * Draws every ```mermaid block of the chapters into public/diagrams/ (see
 * lib/mdx/mermaid-diagrams.mjs for why), in Debian's Chromium with the mermaid the site has
 * installed. `--check` draws nothing and fails when a block has no drawing; the unit tests run it.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

import {
  altTextOf,
  DIAGRAMS_DIR,
  diagramFile,
  diagramId,
  mermaidBlocks,
  THEMES,
} from '../lib/mdx/mermaid-diagrams.mjs'

const require = createRequire(import.meta.url)
const pagesDir = join(DIAGRAMS_DIR, '..', '..', 'pages')
const sources = readdirSync(pagesDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.mdx'))
  .flatMap((file) =>
    mermaidBlocks(readFileSync(join(pagesDir, file), 'utf8')).map((source) => ({ file, source })),
  )

const problems = sources.flatMap(({ file, source }) => [
  ...(altTextOf(source) ? [] : [`${file}: a mermaid block has no accTitle (its text alternative)`]),
])

if (process.argv.includes('--check')) {
  const missing = sources.flatMap(({ file, source }) =>
    THEMES.filter((theme) => {
      try {
        readFileSync(diagramFile(source, theme))
        return false
      } catch {
        return true
      }
    }).map((theme) => `${file}: diagram ${diagramId(source)} has no ${theme} drawing`),
  )
  const all = [...problems, ...missing]
  for (const problem of all) console.error(problem)
  if (all.length > 0) console.error('Run `npm run diagrams` and commit public/diagrams/.')
  process.exit(all.length > 0 ? 1 : 0)
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem)
  process.exit(1)
}

/**
 * Mermaid's options per theme: SVG text (no HTML labels, which images draw unreliably), and
 * tight spacing. why: a drawing wider than the column is scaled down, its 16 px text with it; a
 * phone's column is about 340 px, so a drawing of up to 450 px keeps its text at 12 px or more
 * there, and at full size on a desktop (tests/e2e/diagrams-readable.spec.ts). Mermaid's default
 * spacing (150 px actors 50 px apart in a sequence, 50 px between flowchart nodes) spends that
 * width on air; the chapters' labels are broken into short lines with `<br/>` for the same reason.
 */
const mermaidConfig = (theme) => ({
  startOnLoad: false,
  theme: theme === 'dark' ? 'dark' : 'default',
  fontFamily: 'ui-sans-serif, system-ui, sans-serif',
  htmlLabels: false,
  flowchart: { htmlLabels: false, nodeSpacing: 24, padding: 10 },
  sequence: { width: 90, actorMargin: 10, diagramMarginX: 4 },
  // why: the dark theme's edge labels are light grey on translucent grey, below WCAG AA.
  themeVariables: theme === 'dark' ? { edgeLabelBackground: '#1f2937' } : {},
})

/* global window, document, XMLSerializer -- the drawing runs in the page, not in Node */
const { chromium } = require('playwright-core')
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
try {
  const page = await browser.newPage()
  await page.setContent('<!doctype html><html><body></body></html>')
  await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') })
  rmSync(DIAGRAMS_DIR, { recursive: true, force: true })
  mkdirSync(DIAGRAMS_DIR, { recursive: true })
  for (const { file, source } of sources) {
    for (const theme of THEMES) {
      const svg = await page.evaluate(
        async ({ id, code, config }) => {
          const { mermaid } = /** @type {any} */ (window)
          mermaid.initialize(config)
          const { svg } = await mermaid.render(id, code)
          // An image needs its own size: mermaid writes width="100%" and a max-width style.
          // why: mermaid writes some labels as HTML (`<br>`), which only an HTML parser accepts;
          // serialising the parsed tree then gives well-formed XML, as an image requires.
          const holder = document.createElement('div')
          holder.innerHTML = svg
          const element = holder.querySelector('svg')
          if (!element) throw new Error('mermaid returned no <svg>')
          const [, , width, height] = (element.getAttribute('viewBox') ?? '0 0 0 0').split(/\s+/)
          element.setAttribute('width', width ?? '0')
          element.setAttribute('height', height ?? '0')
          element.removeAttribute('style')
          return new XMLSerializer().serializeToString(element)
        },
        { id: `d${diagramId(source)}${theme}`, code: source, config: mermaidConfig(theme) },
      )
      writeFileSync(diagramFile(source, theme), `${svg}\n`)
    }
    console.log(`Drew ${file}: ${altTextOf(source)}`)
  }
} finally {
  await browser.close()
}
