import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const darkModeByClass = require('../../lib/build/dark-mode-by-class.cjs') as (css: string) => string

describe('the theme style sheet’s dark-mode selectors', () => {
  const published = readFileSync(require.resolve('nextra-theme-docs/style.css'), 'utf8')

  it('all name the class, not the class attribute, once rewritten', () => {
    const rewritten = darkModeByClass(published)
    expect(rewritten).not.toContain('[class~=dark]')
    expect(rewritten.split('html.dark').length).toBe(published.split('html[class~=dark]').length)
  })

  it('stop the build, saying which file to update, when the theme no longer uses them', () => {
    expect(() => darkModeByClass('.dark .a{color:red}')).toThrow(/lib\/build\/dark-mode-by-class/)
  })
})
