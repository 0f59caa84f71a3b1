import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
type Loader = (this: { resourcePath: string }, source: string) => string
const noBodyThemeScripts = require('../../lib/build/no-body-theme-scripts.cjs') as Loader

/** Runs the loader as webpack would on the installed file at `path`. */
function load(path: string, source = readFileSync(path, 'utf8')) {
  return noBodyThemeScripts.call({ resourcePath: path }, source)
}

// require.resolve('next-themes') is its CommonJS build, dist/index.js, next to the ES module one.
const nextThemesDir = join(require.resolve('next-themes'), '..')
// The theme exports its style sheet by name and its bundle, dist/index.js, only to `import`.
const nextraTheme = join(require.resolve('nextra-theme-docs/style.css'), '..', 'index.js')

describe('the docs theme’s inline scripts, once loaded', () => {
  for (const build of ['index.mjs', 'index.js']) {
    it(`are gone from next-themes’ ${build}, and nothing else is`, () => {
      const path = join(nextThemesDir, build)
      const published = readFileSync(path, 'utf8')
      const loaded = load(path, published)
      expect(published).toContain('createElement("script"')
      expect(loaded).not.toContain('createElement("script"')
      expect(loaded).not.toContain('dangerouslySetInnerHTML')
      // What remains is next-themes' provider, which takes over after hydration.
      expect(loaded).toContain('localStorage.setItem')
      expect(published.length - loaded.length).toBeLessThan(200)
    })
  }

  it('are gone from nextra-theme-docs, which keeps its other scripts', () => {
    const published = readFileSync(nextraTheme, 'utf8')
    const loaded = load(nextraTheme, published)
    expect(published).toContain("document.documentElement.setAttribute('dir'")
    expect(loaded).not.toContain("document.documentElement.setAttribute('dir'")
    expect(published.length - loaded.length).toBeLessThan(250)
  })

  it('leave any other module as it is', () => {
    const source = 'export const a = React.createElement("script", {})'
    expect(load('/app/node_modules/other/dist/index.js', source)).toBe(source)
  })

  it('stop the build, saying which file to update, when an upgrade changes a script', () => {
    const path = join(nextThemesDir, 'index.mjs')
    expect(() => load(path, 'export const ThemeProvider = () => null')).toThrow(
      /next-themes' inline theme script.*lib\/build\/no-body-theme-scripts\.cjs/,
    )
  })
})
