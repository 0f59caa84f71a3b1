import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import {
  compileSamples,
  layoutSamples,
  SAMPLES_DIR,
  TYPESCRIPT_LANGS,
} from '../support/compile-samples'
import type { CodeBlock } from '../support/mdx-code-blocks'
import {
  extractCodeBlocks,
  filenameMismatch,
  readAllCodeBlocks,
  typedCodeProblem,
} from '../support/mdx-code-blocks'

const FIXTURE_APP = join(__dirname, '..', 'fixtures', 'include-code', 'app')

// why: one program over every sample loads next, next-auth and react's types once; that takes
// a few seconds, well past Vitest's default of five.
const COMPILE_TIMEOUT_MS = 120_000

const blocks = readAllCodeBlocks()
const samples = blocks.filter((block) => TYPESCRIPT_LANGS.includes(block.lang))

describe('TypeScript samples in the chapters', () => {
  it('are found, so the checks below cannot pass by seeing nothing', () => {
    expect(samples.length).toBeGreaterThan(10)
    expect(
      samples.map((sample) => sample.filename),
      'the TypeScript chapter declares the types that the other samples rely on',
    ).toContain('types/next-auth.d.ts')
  })

  it('name a file whose extension agrees with their language', () => {
    const mismatches = blocks.map(filenameMismatch).filter((problem) => problem !== null)
    if (mismatches.length > 0) expect.fail(mismatches.join('\n'))
  })

  it(
    'compile together under the project strict settings, as the files of one app',
    { timeout: COMPILE_TIMEOUT_MS },
    () => {
      const errors = compileSamples(samples, join(SAMPLES_DIR, 'pages'))
      if (errors.length > 0) {
        expect.fail(`Type errors in the chapters' samples:\n${errors.join('\n')}`)
      }
    },
  )
})

describe('application code in the chapters', () => {
  it('is cut from the reference app, or typed only as a labelled wrong example or a short snippet', () => {
    const problems = blocks.map(typedCodeProblem).filter((problem) => problem !== null)
    if (problems.length > 0) {
      expect.fail(
        `${problems.length} blocks of application code are typed in the MDX. Cut each from the ` +
          'reference app (```ts app="lib/file.ts#region"), or mark it `wrong` with ' +
          `filename="Wrong: …", or \`snippet\` (3 lines at most):\n${problems.join('\n')}`,
      )
    }
  })
})

describe('the sample checks', () => {
  const page = [
    '# A broken chapter',
    '',
    '- In a list:',
    '',
    '  ```ts filename="lib/broken.ts" {1}',
    '  export const id: string = 42',
    '  ```',
    '',
    '```tsx filename="lib/broken.ts"',
    'export {}',
    '```',
    '',
    '```json filename="200 OK"',
    '{}',
    '```',
  ].join('\n')
  const broken = extractCodeBlocks(page, 'pages/broken.mdx')

  it('read a fenced block with its language, file name and line, even inside a list', () => {
    expect(broken[0]).toEqual<CodeBlock>({
      page: 'pages/broken.mdx',
      line: 6,
      endLine: 7,
      lang: 'ts',
      meta: 'filename="lib/broken.ts" {1}',
      filename: 'lib/broken.ts',
      code: 'export const id: string = 42',
    })
  })

  it('refuse a page whose code fence is never closed', () => {
    expect(() => extractCodeBlocks('```ts\nconst a = 1\n', 'pages/open.mdx')).toThrow(
      'pages/open.mdx:1: code fence ``` is never closed',
    )
  })

  it('report a file name whose extension disagrees with the language, and not a caption', () => {
    expect(broken.map(filenameMismatch)).toEqual([
      null,
      'pages/broken.mdx:9: a `tsx` block is named "lib/broken.ts"; expected .tsx',
      null,
    ])
  })

  it('let an include, a labelled wrong example and a short snippet stand, and nothing else', () => {
    const typed = [
      '```ts wrong filename="Wrong: lib/auth.ts"',
      'export const secret = "hard-coded"',
      '```',
      '```ts snippet',
      'signIn(provider, options)',
      '```',
      '```bash',
      'npm test',
      '```',
      '```ts wrong filename="lib/auth.ts"',
      'export {}',
      '```',
      '```ts filename="Wrong: lib/auth.ts"',
      'export {}',
      '```',
      '```tsx snippet',
      '<a />',
      '<b />',
      '<c />',
      '<d />',
      '```',
      '```js filename="lib/auth.js"',
      'export {}',
      '```',
    ].join('\n')
    expect(extractCodeBlocks(typed, 'pages/typed.mdx').map(typedCodeProblem)).toEqual([
      null,
      null,
      null,
      'pages/typed.mdx:10: a `wrong` block needs filename="Wrong: …"',
      'pages/typed.mdx:13: a block labelled "Wrong: " needs the meta word `wrong`',
      'pages/typed.mdx:16: a `snippet` has at most 3 lines; this one has 4',
      'pages/typed.mdx:22: `js` code typed in the MDX',
    ])
    const include = '```ts app="types/next-auth.d.ts"\n```'
    expect(extractCodeBlocks(include, 'pages/included.mdx').map(typedCodeProblem)).toEqual([null])
  })

  it(
    'compile a wrong example next to the file it names, never in its place',
    { timeout: COMPILE_TIMEOUT_MS },
    () => {
      const page = [
        '```ts filename="lib/auth.ts"',
        'export const right = 1',
        '```',
        '```ts wrong filename="Wrong: lib/auth.ts"',
        "import { right } from './auth'",
        'export const wrong: string = right',
        '```',
      ].join('\n')
      const [right, wrong] = extractCodeBlocks(page, 'pages/wrong.mdx')
      expect([...layoutSamples([wrong!, right!]).entries()]).toEqual([
        ['wrong/lib/auth.wrong.ts', wrong],
        ['wrong/lib/auth.ts', right],
      ])
      expect(compileSamples([wrong!, right!], join(SAMPLES_DIR, 'wrong-test'))).toEqual([
        "pages/wrong.mdx:6: Type 'number' is not assignable to type 'string'.",
      ])
    },
  )

  it(
    'check an included block as its whole file, with its app, whose declarations the others see',
    { timeout: COMPILE_TIMEOUT_MS },
    () => {
      const page = [
        '```ts app="lib/callbacks.ts#jwt"',
        '```',
        '```ts wrong filename="Wrong: lib/role.ts"',
        "export const role: IncludeCodeFixture['role'] = 'admin'",
        '```',
      ].join('\n')
      const blocks = extractCodeBlocks(page, 'pages/included.mdx', { appDir: FIXTURE_APP })
      expect([...layoutSamples(blocks).keys()]).toEqual(['included/lib/role.wrong.ts'])
      expect(compileSamples(blocks, join(SAMPLES_DIR, 'included-test'))).toEqual([
        `pages/included.mdx:4: Type '"admin"' is not assignable to type '"reader" | "editor"'.`,
      ])
    },
  )

  it('report a type error at its page and line in the MDX', { timeout: COMPILE_TIMEOUT_MS }, () => {
    const [sample] = broken
    if (!sample) throw new Error('the broken page has no sample')
    expect(compileSamples([sample], join(SAMPLES_DIR, 'self-test'))).toEqual([
      "pages/broken.mdx:6: Type 'number' is not assignable to type 'string'.",
    ])
  })
})
