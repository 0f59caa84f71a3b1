import { join } from 'node:path'

import { compileMdx } from 'nextra/compile'
import type { ComponentType } from 'react'
import { createElement } from 'react'
import * as jsxRuntime from 'react/jsx-runtime'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { CodeBlock } from '@/components/code-block'
import remarkIncludeCode, {
  APP_ROUTER_DIR,
  includeCodeInMarkdown,
  includedFiles,
  resolveInclude,
} from '@/lib/mdx/include-code.mjs'
import { mdxOptions } from '@/lib/mdx/options.mjs'

import { extractCodeBlocks } from '../support/mdx-code-blocks'

const APP = join(__dirname, '..', 'fixtures', 'include-code', 'app')
const SHOWN_APP = 'tests/fixtures/include-code/app'

/** The block a chapter at pages/guide/x.mdx:7 would have, resolved against the fixture app. */
const include = (meta: string, code = '') =>
  resolveInclude({ meta, code, mdxFile: 'pages/guide/x.mdx', line: 7 }, { appDir: APP })

describe('an included code block', () => {
  it('shows its region dedented, without the markers of the regions inside it', () => {
    expect(include('ts app="lib/callbacks.ts#jwt"')?.code).toBe(
      [
        'async jwt({ token, user }: { token: Token; user?: { id: string } }) {',
        '  if (user) token.id = user.id',
        '  return token',
        '},',
      ].join('\n'),
    )
  })

  it("shows a region that overlaps another, without the other one's markers", () => {
    expect(include('app="lib/callbacks.ts#jwt-return"')?.code).toBe(
      ['  return token', '},', 'async session({ token }: { token: Token }) {'].join('\n'),
    )
  })

  it('shows the whole file, without any marker, when no region is named', () => {
    const code = include('app="lib/callbacks.ts"')?.code ?? ''
    expect(code.split('\n')[0]).toBe('type Token = { id?: string }')
    expect(code.split('\n').at(-1)).toBe('}')
    expect(code).not.toContain('#region')
    expect(code).not.toContain('#endregion')
  })

  it('reads a region marked between JSX children in a TSX file', () => {
    expect(include('app="pages/sign-in.tsx#form"')?.code).toBe(
      ['<form method="post">', '  <button type="submit">Sign in</button>', '</form>'].join('\n'),
    )
  })

  it('is named by its path in the app, and keeps the rest of its meta', () => {
    expect(include('app="lib/callbacks.ts#jwt" {2-3} copy')).toMatchObject({
      meta: 'filename="lib/callbacks.ts" {2-3} copy',
      filename: 'lib/callbacks.ts',
      source: join(APP, 'lib', 'callbacks.ts'),
    })
    expect(include('{1} app="lib/callbacks.ts"')?.meta).toBe('{1} filename="lib/callbacks.ts"')
  })

  it('may hold the one blank line that prettier writes into an empty fence', () => {
    expect(include('app="lib/callbacks.ts#jwt"', '\n')?.filename).toBe('lib/callbacks.ts')
  })

  it('is left alone when its meta has no app=', () => {
    expect(include('filename="lib/auth.ts" {2}', 'export {}')).toBeNull()
  })
})

describe('an include from another tested app, named before a colon', () => {
  const fromTwin = (meta: string) =>
    resolveInclude(
      { meta, code: '', mdxFile: 'pages/guide/x.mdx', line: 7 },
      { appDir: APP, apps: { twin: join(APP, 'pages') } },
    )

  it("cuts from that app's folder and is named by the path after the colon", () => {
    expect(fromTwin('tsx app="twin:sign-in.tsx#form" {2}')).toMatchObject({
      code: ['<form method="post">', '  <button type="submit">Sign in</button>', '</form>'].join(
        '\n',
      ),
      meta: 'tsx filename="sign-in.tsx" {2}',
      filename: 'sign-in.tsx',
      source: join(APP, 'pages', 'sign-in.tsx'),
    })
  })

  it('reads `app-router:` as the App Router twin when no apps are given', () => {
    const block = resolveInclude({
      meta: 'tsx app="app-router:app/layout.tsx#layout"',
      code: '',
      mdxFile: 'pages/guide/x.mdx',
      line: 7,
    })
    expect(block?.source).toBe(join(APP_ROUTER_DIR, 'app', 'layout.tsx'))
    expect(block?.filename).toBe('app/layout.tsx')
    expect(block?.code).toContain('<Providers>{children}</Providers>')
  })

  it('fails on an app name it does not know, and on a path that leaves the app', () => {
    expect(() => fromTwin('app="nope:lib/callbacks.ts"')).toThrow(
      'pages/guide/x.mdx:7: app="nope:lib/callbacks.ts": no app is named "nope" (known: twin)',
    )
    expect(() => fromTwin('app="twin:../lib/callbacks.ts"')).toThrow(
      'the path must name a file inside the reference app',
    )
  })

  it('tells the dev server which file of that app a page includes', () => {
    expect(
      includedFiles('```tsx app="twin:sign-in.tsx#form"\n```', { apps: { twin: APP } }),
    ).toEqual([join(APP, 'sign-in.tsx')])
  })
})

describe('an include that cannot be resolved fails the build, naming MDX file:line, path and region', () => {
  it.each([
    [
      'a missing file',
      'app="lib/nowhere.ts#jwt"',
      `pages/guide/x.mdx:7: app="lib/nowhere.ts#jwt": no such file (${SHOWN_APP}/lib/nowhere.ts)`,
    ],
    [
      'a missing region',
      'app="lib/callbacks.ts#authorize"',
      `pages/guide/x.mdx:7: app="lib/callbacks.ts#authorize": #authorize: region "authorize" not found (${SHOWN_APP}/lib/callbacks.ts)`,
    ],
    [
      'a region opened twice',
      'app="broken/opened-twice.ts#a"',
      `pages/guide/x.mdx:7: app="broken/opened-twice.ts#a": #a: line 3: region "a" is opened twice (${SHOWN_APP}/broken/opened-twice.ts)`,
    ],
    [
      'a region never closed, even when another region is asked for',
      'app="broken/never-closed.ts#a"',
      `pages/guide/x.mdx:7: app="broken/never-closed.ts#a": #a: line 4: region "b" is never closed (${SHOWN_APP}/broken/never-closed.ts)`,
    ],
    [
      'an #endregion without its #region',
      'app="broken/closed-unopened.ts"',
      `pages/guide/x.mdx:7: app="broken/closed-unopened.ts": line 2: #endregion a has no #region a before it (${SHOWN_APP}/broken/closed-unopened.ts)`,
    ],
    [
      'an empty region',
      'app="broken/empty-region.ts#nothing"',
      `pages/guide/x.mdx:7: app="broken/empty-region.ts#nothing": #nothing: region is empty (${SHOWN_APP}/broken/empty-region.ts)`,
    ],
    [
      'a path outside the app',
      'app="../../mdx-code-blocks.ts"',
      'pages/guide/x.mdx:7: app="../../mdx-code-blocks.ts": the path must name a file inside the reference app',
    ],
    [
      'a file name of its own',
      'app="lib/callbacks.ts#jwt" filename="lib/auth.ts"',
      'pages/guide/x.mdx:7: app="lib/callbacks.ts#jwt": drop filename=: an included block is named by its path',
    ],
  ])('%s', (_, meta, message) => {
    expect(() => include(meta)).toThrow(message)
  })

  it('a fence with code in it', () => {
    expect(() => include('app="lib/callbacks.ts#jwt"', 'export const typed = 1')).toThrow(
      `pages/guide/x.mdx:7: app="lib/callbacks.ts#jwt": the fence must be empty: its code comes from the file (${SHOWN_APP}/lib/callbacks.ts)`,
    )
  })
})

describe('the remark plugin, with the site options', { timeout: 60_000 }, () => {
  const page = ['# Page', '', '```ts app="components/sandboxes/whole-app/missing.ts"', '```'].join(
    '\n',
  )

  it('runs in the build: a broken include fails the compile with its line', async () => {
    await expect(compileMdx(page, { mdxOptions })).rejects.toThrow(
      '(MDX):3: app="components/sandboxes/whole-app/missing.ts": no such file',
    )
  })
})

describe('the code-block reader of the tests', () => {
  const page = [
    '# Page',
    '',
    '- In a list:',
    '',
    '  ```ts app="lib/callbacks.ts#jwt" {2}',
    '  ```',
    '',
    '```bash',
    'npm test',
    '```',
  ].join('\n')

  it('sees an include as the reader does: its code, its file name, its MDX line', () => {
    const [block, shell] = extractCodeBlocks(page, 'pages/guide/x.mdx', { appDir: APP })
    expect(block).toMatchObject({
      line: 6,
      endLine: 6,
      lang: 'ts',
      meta: 'filename="lib/callbacks.ts" {2}',
      filename: 'lib/callbacks.ts',
      include: {
        path: 'lib/callbacks.ts',
        region: 'jwt',
        source: join(APP, 'lib', 'callbacks.ts'),
      },
    })
    expect(block?.code.split('\n')[0]).toBe(
      'async jwt({ token, user }: { token: Token; user?: { id: string } }) {',
    )
    expect(shell).toMatchObject({ lang: 'bash', code: 'npm test' })
    expect(shell?.include).toBeUndefined()
  })

  it('fails on a broken include at the line of its opening fence', () => {
    expect(() =>
      extractCodeBlocks('```ts app="lib/callbacks.ts#nope"\n```', 'pages/a.mdx', { appDir: APP }),
    ).toThrow('pages/a.mdx:1: app="lib/callbacks.ts#nope": #nope: region "nope" not found')
  })
})

describe('the plain-markdown copy and the dev server', () => {
  const page = ['Text', '', '- Item:', '', '  ```tsx app="pages/sign-in.tsx#form"', '  ```'].join(
    '\n',
  )

  it('write the included code into the copy, indented like its fence', () => {
    expect(includeCodeInMarkdown(page, 'pages/x.mdx', { appDir: APP })).toBe(
      [
        'Text',
        '',
        '- Item:',
        '',
        '  ```tsx filename="pages/sign-in.tsx"',
        '  <form method="post">',
        '    <button type="submit">Sign in</button>',
        '  </form>',
        '  ```',
      ].join('\n'),
    )
  })

  it('know which files a page includes, so that editing one rebuilds it', () => {
    expect(includedFiles(page, { appDir: APP })).toEqual([join(APP, 'pages', 'sign-in.tsx')])
  })
})

describe('an included block on a page', { timeout: 60_000 }, () => {
  it('renders its file name above the code, and highlights the lines its meta names', async () => {
    const source = ['# Page', '', '```ts app="lib/callbacks.ts#jwt" {2}', '', '```'].join('\n')
    const [, ...otherPlugins] = mdxOptions.remarkPlugins ?? []
    const { result } = await compileMdx(source, {
      mdxOptions: {
        ...mdxOptions,
        remarkPlugins: [[remarkIncludeCode, { appDir: APP }], ...otherPlugins],
      },
    })
    const run = new Function(result) as (scope: object) => { default: ComponentType }
    const { default: Content } = run({
      ...jsxRuntime,
      useMDXComponents: () => ({ pre: CodeBlock }),
    })
    const html = renderToStaticMarkup(createElement(Content))

    expect(html).toMatch(/<span class="_truncate">lib\/callbacks\.ts<\/span>.*<pre /s)
    const highlighted = /<span data-highlighted-line[^>]*>(.*?)<\/span>\n/.exec(html)?.[1] ?? ''
    expect(highlighted.replace(/<[^>]+>/g, '')).toBe('  if (user) token.id = user.id')
    expect(html).not.toContain('#region')
  })
})
