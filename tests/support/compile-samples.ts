import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, extname, isAbsolute, join, posix, relative } from 'node:path'

import ts from 'typescript'

import type { CodeBlock } from './mdx-code-blocks'
import { fileNameOf, PROJECT_ROOT } from './mdx-code-blocks'

/**
 * Where samples are written: inside the project, so that `next-auth`, `next` and `react`
 * resolve from its node_modules as they would in a reader's app. Git, prettier and eslint
 * ignore it, and the project's own `tsc` skips it because wildcards never match dot folders.
 */
export const SAMPLES_DIR = join(PROJECT_ROOT, '.doc-samples')

export const TYPESCRIPT_LANGS: readonly string[] = ['ts', 'tsx']

/** The project's own compiler options (strict, noUncheckedIndexedAccess, bundler, …). */
export function sampleCompilerOptions(): ts.CompilerOptions {
  const { config, error } = ts.readConfigFile(join(PROJECT_ROOT, 'tsconfig.json'), ts.sys.readFile)
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'))
  const { options, errors } = ts.parseJsonConfigFileContent(config, ts.sys, PROJECT_ROOT)
  if (errors.length > 0) {
    throw new Error(
      errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'),
    )
  }
  // why: `baseUrl` and `paths` would let `from 'lib/auth'` or `from '@/lib/auth'` find this
  // site's modules, which a reader's app does not have; samples must stand on their own.
  const { baseUrl, paths, incremental, tsBuildInfoFile, ...strictOptions } = options
  return { ...strictOptions, noEmit: true }
}

/**
 * The path, under its page's folder, that each TypeScript block is written to. A block with a
 * `filename=` lands at that path, so a relative import in one sample (`../../../lib/auth`)
 * finds the sample of the same page that the import means; the others are `sample-<n>`.
 * Throws on a file name that would leave the page's folder.
 */
export function layoutSamples(blocks: readonly CodeBlock[]): Map<string, CodeBlock> {
  const layout = new Map<string, CodeBlock>()
  const countByPage = new Map<string, number>()
  for (const block of blocks) {
    if (!TYPESCRIPT_LANGS.includes(block.lang)) continue
    const n = (countByPage.get(block.page) ?? 0) + 1
    countByPage.set(block.page, n)
    const folder = block.page
      .replace(/^pages\//, '')
      .replace(/\.mdx$/, '')
      .replaceAll('/', '-')
    const filename = fileNameOf(block)
    const stem = filename ? safeStem(filename, block) : `sample-${n}`
    // why: skipLibCheck skips every .d.ts file, so a declaration sample is checked as a .ts
    // module; its `declare module` augmentations apply to the whole program either way.
    const extension = block.lang === 'tsx' ? '.tsx' : '.ts'
    let path = posix.join(folder, `${stem}${extension}`)
    // why: a chapter may show two parts of one file (two `lib/auth.ts` blocks); each is its own sample.
    if (layout.has(path)) path = posix.join(folder, `${stem}.${n}${extension}`)
    layout.set(path, block)
  }
  return layout
}

function safeStem(filename: string, block: CodeBlock): string {
  const path = posix.normalize(filename)
  if (isAbsolute(path) || path.startsWith('..')) {
    throw new Error(`${block.page}:${block.line - 1}: filename="${filename}" must be relative`)
  }
  return path.slice(0, -extname(path).length).replace(/\.d$/, '')
}

/**
 * Writes the TypeScript blocks into `dir` (emptied first) and type-checks them as ONE program,
 * as the files of one app: the `declare module 'next-auth'` sample augments the types that the
 * others use. Returns one `page:line: message` per error, pointing into the MDX.
 */
export function compileSamples(blocks: readonly CodeBlock[], dir: string): string[] {
  rmSync(dir, { recursive: true, force: true })
  const written = new Map<string, CodeBlock>()
  for (const [path, block] of layoutSamples(blocks)) {
    const file = join(dir, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${block.code}\n`)
    written.set(ts.sys.resolvePath(file).replaceAll('\\', '/'), block)
  }
  const program = ts.createProgram([...written.keys()], sampleCompilerOptions())
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ')
    if (!diagnostic.file || diagnostic.start === undefined) return message
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
    const block = written.get(diagnostic.file.fileName)
    if (!block) return `${relative(PROJECT_ROOT, diagnostic.file.fileName)}:${line + 1}: ${message}`
    return `${block.page}:${block.line + line}: ${message}`
  })
}
