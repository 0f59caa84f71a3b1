import type { SandpackTheme } from '@codesandbox/sandpack-react'

/**
 * Sandpack's editor in the colours of GitHub's high-contrast themes, which the chapters' code
 * blocks use too: Sandpack's own light and dark themes fail WCAG AA contrast for comments and
 * file names (found by axe, tests/e2e/sandboxes/accessibility.spec.ts).
 */
const font = {
  body: 'inherit',
  mono: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  size: '13px',
  lineHeight: '20px',
}

export const lightTheme: SandpackTheme = {
  colors: {
    surface1: '#ffffff',
    surface2: '#d0d7de',
    surface3: '#f3f4f6',
    clickable: '#424a53',
    base: '#0e1116',
    disabled: '#59636e',
    hover: '#0e1116',
    accent: '#0349b4',
    error: '#a0111f',
    errorSurface: '#fff0ee',
  },
  syntax: {
    plain: '#0e1116',
    comment: { color: '#59636e', fontStyle: 'italic' },
    keyword: '#a0111f',
    tag: '#024c1a',
    punctuation: '#0e1116',
    definition: '#622cbc',
    property: '#023b95',
    static: '#023b95',
    string: '#032563',
  },
  font,
}

export const darkTheme: SandpackTheme = {
  colors: {
    surface1: '#0a0c10',
    surface2: '#3d424d',
    surface3: '#151b23',
    clickable: '#bdc4cc',
    base: '#f0f3f6',
    disabled: '#9ea7b3',
    hover: '#ffffff',
    accent: '#71b7ff',
    error: '#ff9492',
    errorSurface: '#2a1215',
  },
  syntax: {
    plain: '#f0f3f6',
    comment: { color: '#bdc4cc', fontStyle: 'italic' },
    keyword: '#ff9492',
    tag: '#72f088',
    punctuation: '#f0f3f6',
    definition: '#dbb7ff',
    property: '#91cbff',
    static: '#91cbff',
    string: '#addcff',
  },
  font,
}
