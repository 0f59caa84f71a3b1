import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { compileSamples, SAMPLES_DIR, TYPESCRIPT_LANGS } from '../support/compile-samples'
import type { CodeBlock } from '../support/mdx-code-blocks'
import { extractCodeBlocks, filenameMismatch, readAllCodeBlocks } from '../support/mdx-code-blocks'

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

  it('report a type error at its page and line in the MDX', { timeout: COMPILE_TIMEOUT_MS }, () => {
    const [sample] = broken
    if (!sample) throw new Error('the broken page has no sample')
    expect(compileSamples([sample], join(SAMPLES_DIR, 'self-test'))).toEqual([
      "pages/broken.mdx:6: Type 'number' is not assignable to type 'string'.",
    ])
  })
})
