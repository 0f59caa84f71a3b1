import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { compileMdx } from 'nextra/compile'
import React, { type ComponentType } from 'react'
import * as jsxRuntime from 'react/jsx-runtime'
import { renderToStaticMarkup } from 'react-dom/server'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

import { mdxOptions } from '@/lib/mdx/options.mjs'
import recmaStaticCodeHtml from '@/lib/mdx/static-code-html.mjs'

const PAGES = join(__dirname, '..', '..', 'pages')

const withoutFolding = {
  ...mdxOptions,
  recmaPlugins: mdxOptions.recmaPlugins?.filter(
    (plugin: unknown) => plugin !== recmaStaticCodeHtml,
  ),
}

/** Nextra's compiler with the site's options, as its webpack loader runs it: JSX left in. */
async function compile(source: string, options = mdxOptions): Promise<string> {
  const { result } = await compileMdx(source, { mdxOptions: { ...options, jsx: true } })
  return result
}

/** The compiled page rendered to HTML, with Nextra's components left as plain tags. */
function render(compiled: string): string {
  const { outputText } = ts.transpileModule(`(function () {\n${compiled}\n})`, {
    compilerOptions: { jsx: ts.JsxEmit.React, target: ts.ScriptTarget.ES2022 },
  })
  type CompiledPage = (scope: object) => { default: ComponentType }
  const load = new Function('React', `return ${outputText}`) as (
    react: typeof React,
  ) => CompiledPage
  const evaluate = load(React)
  const { default: Content } = evaluate({ ...jsxRuntime, useMDXComponents: () => ({}) })
  return renderToStaticMarkup(React.createElement(Content))
}

const SAMPLE = [
  'Inline `a < b` stays as it is.',
  '',
  '```ts filename="check.ts" {2} /compare/',
  'const same = 1 < 2 && "a" !== \'b\'',
  'compare(same) // & more',
  '```',
].join('\n')

// why: the first compile loads Shiki's grammars and themes, which takes seconds on a busy machine.
describe('code blocks folded into static HTML', { timeout: 60_000 }, () => {
  it('ship a block as one HTML string instead of a JSX call per token', async () => {
    const unfolded = await compile(SAMPLE, withoutFolding)
    const folded = await compile(SAMPLE)

    expect(unfolded).toContain('_components.span')
    expect(folded).not.toContain('_components.span')
    expect(folded.match(/dangerouslySetInnerHTML/g)).toHaveLength(1)
  })

  it('render exactly the markup the unfolded page renders, escaping included', async () => {
    const unfolded = render(await compile(SAMPLE, withoutFolding))
    const folded = render(await compile(SAMPLE))

    expect(folded).toBe(unfolded)
    expect(folded).toContain('&lt;')
    expect(folded).toContain('&amp;')
    expect(folded).toContain('data-highlighted-line')
    expect(folded).toContain('<mark data-highlighted-chars')
  })

  it("carry each block's line count on its pre, for its placeholder height", async () => {
    const folded = await compile(SAMPLE)

    expect(folded).toMatch(/<_components\.pre [^>]*style=\{\{\s*"--code-lines": "2"\s*\}\}/)
    expect(render(folded)).toContain('style="--code-lines:2"')
  })

  it('leave inline code as a plain string', async () => {
    const folded = await compile('Call `signIn()` here.')

    expect(folded).toContain('<_components.code>{"signIn()"}</_components.code>')
    expect(folded).not.toContain('dangerouslySetInnerHTML')
  })

  it('leave a code element alone when it holds more than highlighted text', async () => {
    const source = 'export const Tip = () => null\n\n<code>before <Tip /> after</code>'
    const folded = await compile(source)

    expect(folded).not.toContain('dangerouslySetInnerHTML')
    expect(folded).toContain('Tip')
  })

  const chapters = readdirSync(join(PAGES, 'guide'))
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => join('guide', name))
    .concat(readdirSync(PAGES).filter((name) => name.endsWith('.mdx')))

  it.each(chapters)(
    'fold every code block of pages/%s and give it its line count',
    async (chapter) => {
      const source = readFileSync(join(PAGES, chapter), 'utf8')
      const folded = await compile(source)

      expect(folded).not.toContain('_components.span')
      // A block may be indented, inside a list item.
      const blocks = source.match(/^[ \t]*```(?!mermaid)\w+/gm) ?? []
      expect(folded.match(/dangerouslySetInnerHTML/g)?.length ?? 0).toBe(blocks.length)
      expect(folded.match(/"--code-lines"/g)?.length ?? 0).toBe(blocks.length)
    },
  )
})
