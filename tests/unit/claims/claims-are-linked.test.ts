import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

import { compileMdx } from 'nextra/compile'
import React, { type ComponentType } from 'react'
import * as jsxRuntime from 'react/jsx-runtime'
import { renderToStaticMarkup } from 'react-dom/server'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

import { mdxOptions } from '@/lib/mdx/options.mjs'

import type { ClaimMarker } from '../../support/claims'
import { readMarkers } from '../../support/claims'
import {
  extractCodeBlocks,
  listMdxPages,
  PROJECT_ROOT,
  readPage,
} from '../../support/mdx-code-blocks'
import type { ClaimCall, ClaimFile } from './claim-links'
import { linkProblems, readClaimFile } from './claim-links'

const TESTS_DIR = join(PROJECT_ROOT, 'tests')
const CLAIM_TESTS_DIR = 'tests/unit/claims'
const THIS_FILE = relative(PROJECT_ROOT, __filename)

/** The markers of every page, and the problems with markers that are not quite markers. */
function readAllMarkers(): { markers: ClaimMarker[]; problems: string[] } {
  const markers: ClaimMarker[] = []
  const problems: string[] = []
  for (const page of listMdxPages()) {
    const source = readPage(page)
    const codeLines = new Set<number>()
    for (const block of extractCodeBlocks(source, page)) {
      // why: `line` is the first line of code; the opening fence is the line before it.
      for (let line = block.line - 1; line <= block.endLine; line++) codeLines.add(line)
    }
    const found = readMarkers(source, page, codeLines)
    markers.push(...found.markers)
    problems.push(...found.problems)
  }
  return { markers, problems }
}

/** Every TypeScript file under tests/, relative to the project. */
function listTestSources(): string[] {
  return readdirSync(TESTS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => relative(PROJECT_ROOT, join(TESTS_DIR, file)).split('\\').join('/'))
    .sort()
}

/** What each test file says about claims, keyed by file. */
function readAllClaimFiles(): Map<string, ClaimFile> {
  return new Map(
    listTestSources().map((file) => [
      file,
      readClaimFile(file, readFileSync(join(PROJECT_ROOT, file), 'utf8')),
    ]),
  )
}

/** The claim tests proper: tests/unit/claims/*.test.ts, this file aside. */
function isClaimTestFile(file: string): boolean {
  return file.startsWith(`${CLAIM_TESTS_DIR}/`) && file.endsWith('.test.ts') && file !== THIS_FILE
}

describe('claims and the chapter sentences they prove', () => {
  const { markers, problems: markerProblems } = readAllMarkers()
  const files = readAllClaimFiles()
  const claims: ClaimCall[] = [...files.values()].flatMap((file) => file.claims)

  it('are found on both sides, so the checks below cannot pass by seeing nothing', () => {
    expect(markers.length).toBeGreaterThan(100)
    expect(claims.length).toBeGreaterThan(100)
    expect([...files.keys()].filter(isClaimTestFile).length).toBeGreaterThan(10)
  })

  it('link every marker to one claim and every claim to one marker after its sentence', () => {
    const readProblems = [...files.values()].flatMap((file) => file.problems)
    const problems = [...markerProblems, ...readProblems, ...linkProblems(markers, claims)]
    if (problems.length > 0)
      expect.fail(`${problems.length} claim problems:\n${problems.join('\n')}`)
  })

  it('leave no test in tests/unit/claims outside a claim, and no claim test file without one', () => {
    const problems = [...files]
      .filter(([file]) => isClaimTestFile(file))
      .flatMap(([file, read]) => [
        ...(read.importsClaims ? [] : [`${file}: imports no claim() from tests/support/claims`]),
        ...read.unclaimedTests.map((where) => `${where}: a test outside any claim(…)`),
      ])
    if (problems.length > 0) expect.fail(problems.join('\n'))
  })
})

describe('the claim linker', () => {
  const page = 'pages/guide/example.mdx'
  const chapter = [
    'Intro line. The callback request runs `authorize()`, then **`signIn`**, then',
    '[`jwt`](/guide/callbacks). {/* claim: example-order */} After it.',
    '',
    '- **A bullet** says _this_. {/* claim: example-bullet */}',
    '',
    '| request     | purpose |',
    '| ----------- | ------- |',
    '| `GET /csrf` | a token {/* claim: example-row */} |',
    '',
    '```ts',
    'const x = 1 // {/* claim: example-in-code */}',
    '```',
  ].join('\n')
  const codeLines = new Set([10, 11, 12])
  const test = (id: string, quote: string): ClaimCall => ({
    id,
    quote,
    page,
    file: 'x.test.ts',
    line: 1,
  })
  const linked = [
    test('example-order', 'The callback request runs authorize(), then signIn, then jwt.'),
    test('example-bullet', 'A bullet says this.'),
    test('example-row', 'GET /csrf | a token'),
  ]
  const problemsWith = (claims: ClaimCall[], source = chapter) => {
    const { markers, problems } = readMarkers(source, page, codeLines)
    return [...problems, ...linkProblems(markers, claims)]
  }

  it('accepts sentences, list items and table rows that end at their marker', () => {
    expect(problemsWith(linked)).toEqual([
      `${page}: claim example-in-code: its marker is inside a code block, where it is shown`,
    ])
  })

  it('reports a marker without a test, a test without a marker, and a changed word', () => {
    const [order, bullet] = linked as [ClaimCall, ClaimCall, ClaimCall]
    const problems = problemsWith([
      { ...order, quote: 'The callback request runs authorize(), then signIn, then session.' },
      bullet,
      test('example-gone', 'Gone.'),
    ]).join('\n')

    expect(problems).toContain(`${page}: claim example-order: the text before its marker (line 2)`)
    expect(problems).toContain(`${page}: claim example-row: no test claims it`)
    expect(problems).toContain(`${page}: claim example-gone: the chapter has no marker`)
  })

  it('refuses a quote that starts in the middle of a sentence, and a malformed marker', () => {
    const [, ...rest] = linked
    const problems = problemsWith(
      [test('example-order', 'then signIn, then jwt'), ...rest],
      `${chapter}\n\nText. {/* claim: Not_Kebab */}`,
    ).join('\n')

    expect(problems).toContain('claim example-order: the quote starts in the middle of a sentence')
    expect(problems).toContain('"{/* claim: Not_Kebab */}" is not a claim marker')
  })

  it('reads claims from a test file, and flags what it cannot read', () => {
    const source = [
      "import { claim as proves, describeChapter } from '../../support/claims'",
      "describeChapter('pages/guide/example.mdx', () => {",
      "  proves('example-order', 'The callback request runs authorize().', () => {",
      "    it('runs', () => {})",
      '  })',
      '  proves(someId, "a quote", () => {})',
      "  it('stands alone', () => {})",
      '})',
    ].join('\n')
    const read = readClaimFile('x.test.ts', source)

    expect(read.importsClaims).toBe(true)
    expect(read.claims).toEqual([
      {
        id: 'example-order',
        quote: 'The callback request runs authorize().',
        page,
        file: 'x.test.ts',
        line: 3,
      },
    ])
    expect(read.problems).toEqual([
      'x.test.ts:6: claim(id, quote, …) needs both as string literals',
    ])
    expect(read.unclaimedTests).toEqual(['x.test.ts:7'])
  })

  it('refuses a namespace import, whose calls it would not see', () => {
    const source =
      "import * as claims from '../../support/claims'\nclaims.claim('a', 'b.', () => {})"
    expect(readClaimFile('y.test.ts', source).problems).toEqual([
      'y.test.ts: import claim and describeChapter by name, not as claims',
    ])
  })
})

/** A page compiled by Nextra with the site's MDX options and rendered to HTML. */
async function renderMdx(source: string): Promise<string> {
  const { result } = await compileMdx(source, { mdxOptions: { ...mdxOptions, jsx: true } })
  const { outputText } = ts.transpileModule(`(function () {\n${result}\n})`, {
    compilerOptions: { jsx: ts.JsxEmit.React, target: ts.ScriptTarget.ES2022 },
  })
  type CompiledPage = (scope: object) => { default: ComponentType }
  const load = new Function('React', `return ${outputText}`) as (
    react: typeof React,
  ) => CompiledPage
  const { default: Content } = load(React)({ ...jsxRuntime, useMDXComponents: () => ({}) })
  return renderToStaticMarkup(React.createElement(Content))
}

// why: the first compile loads Shiki's grammars and themes, which takes seconds on a busy machine.
describe('a claim marker in a page', { timeout: 60_000 }, () => {
  it('renders nothing: not in a paragraph, a list item or a table cell', async () => {
    const marked = [
      'A sentence `here`. {/* claim: a-one */} Another.',
      '',
      '- An item. {/* claim: a-two */}',
      '',
      '| a | b |',
      '| - | - |',
      '| `x` | y {/* claim: a-three */} |',
    ].join('\n')

    const html = await renderMdx(marked)
    const unmarked = await renderMdx(marked.replace(/ \{\/\*.*?\*\/\}/g, ''))

    expect(html).not.toContain('claim')
    // why: the space before a marker stays; in HTML it collapses into the next one or is trimmed.
    const spacing = (markup: string) => markup.replace(/\s+/g, ' ').replace(/ </g, '<')
    expect(spacing(html)).toBe(spacing(unmarked))
  })
})
