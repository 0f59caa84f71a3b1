import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, extname, isAbsolute, join, posix, relative } from 'node:path'

import ts from 'typescript'

import type { CodeBlock } from './mdx-code-blocks'
import { fileNameOf, isWrongExample, PROJECT_ROOT, WRONG_LABEL } from './mdx-code-blocks'

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
 * The path, under its page's folder, that each TypeScript block typed in the MDX is written to.
 * A block with a `filename=` lands at that path, so a relative import in one sample
 * (`../../../lib/auth`) finds the sample of the same page that the import means; the others are
 * `sample-<n>`. A wrong example (`filename="Wrong: lib/auth.ts"`) lands next to the file it
 * names, as `lib/auth.wrong.ts`, so that its imports resolve and it never stands in for the file.
 * Included blocks are left out: compileSamples checks their apps' files whole, in place.
 * Throws on a file name that would leave the page's folder.
 */
export function layoutSamples(blocks: readonly CodeBlock[]): Map<string, CodeBlock> {
  const layout = new Map<string, CodeBlock>()
  const countByPage = new Map<string, number>()
  for (const block of blocks) {
    if (!TYPESCRIPT_LANGS.includes(block.lang) || block.include) continue
    const n = (countByPage.get(block.page) ?? 0) + 1
    countByPage.set(block.page, n)
    const folder = block.page
      .replace(/^pages\//, '')
      .replace(/\.mdx$/, '')
      .replaceAll('/', '-')
    const filename = fileNameOf(block)?.replace(WRONG_LABEL, '')
    const stem = filename
      ? `${safeStem(filename, block)}${isWrongExample(block) ? '.wrong' : ''}`
      : `sample-${n}`
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
 * The source files of the apps that blocks are included from, in place: an included region is
 * checked as part of its whole file, and the app's declarations (types/next-auth.d.ts) are then
 * the module augmentation that the typed samples see too.
 */
function includedAppFiles(blocks: readonly CodeBlock[]): string[] {
  const appDirs = new Set(
    blocks.flatMap(({ include }) =>
      include ? [include.source.slice(0, -include.path.length)] : [],
    ),
  )
  return [...appDirs].flatMap((appDir) =>
    ts.sys.readDirectory(appDir, ['.ts', '.tsx'], ['**/node_modules', '**/.next']),
  )
}

/**
 * Writes the TypeScript blocks typed in the MDX into `dir` (emptied first) and type-checks them
 * as ONE program, as the files of one app, together with the files of the app that any block
 * is included from: a `declare module 'next-auth'` augments the types that all samples use.
 * Returns one `page:line: message` per error, pointing into the MDX, or into an app's file.
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
  const roots = [...written.keys(), ...includedAppFiles(blocks)]
  const program = ts.createProgram(roots, sampleCompilerOptions())
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ')
    if (!diagnostic.file || diagnostic.start === undefined) return message
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
    const block = written.get(diagnostic.file.fileName)
    if (!block) return `${relative(PROJECT_ROOT, diagnostic.file.fileName)}:${line + 1}: ${message}`
    return `${block.page}:${block.line + line}: ${message}`
  })
}
