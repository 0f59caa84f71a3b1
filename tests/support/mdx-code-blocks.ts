import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'

import type { IncludeOptions } from '@/lib/mdx/include-code.mjs'
import { resolveInclude } from '@/lib/mdx/include-code.mjs'

export const PROJECT_ROOT = join(__dirname, '..', '..')
const PAGES_DIR = join(PROJECT_ROOT, 'pages')

/** A fenced code block of a chapter, with where it starts so a problem can point at it. */
export type CodeBlock = {
  /** The MDX file, relative to the project: `pages/guide/setup.mdx`. */
  page: string
  /** 1-based line, in the MDX file, of the block's first line of code. */
  line: number
  /** 1-based line of the closing fence. */
  endLine: number
  /** The language after the opening fence, lower-cased: `ts`, `tsx`, `bash`. */
  lang: string
  /**
   * Everything after the language: `filename="lib/auth.ts" {2,6}`. For an include, the meta the
   * build gives it: `app="lib/auth.ts#x"` replaced by `filename="lib/auth.ts"`.
   */
  meta: string
  /** The `filename="…"` of the meta, if there is one. */
  filename: string | undefined
  /** The code a reader sees: for an include, the region of the reference app's file. */
  code: string
  /** Set when the block is cut from a file of the reference app (lib/mdx/include-code.mjs). */
  include?: {
    /** Relative to the reference app: `lib/callbacks.ts`. */
    path: string
    /** The `#region`, or undefined for the whole file. */
    region: string | undefined
    /** The source file, absolute. */
    source: string
  }
}

/** Every MDX file under pages/, relative to the project, in a stable order. */
export function listMdxPages(): string[] {
  return readdirSync(PAGES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.mdx'))
    .map((file) => `pages/${file.split('\\').join('/')}`)
    .sort()
}

export function readPage(page: string): string {
  return readFileSync(join(PROJECT_ROOT, page), 'utf8')
}

const OPENING_FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/

/**
 * The fenced code blocks of one MDX source, as CommonMark finds them: a fence of three or more
 * backticks or tildes, closed by a fence of the same character at least as long. Throws on a
 * fence that is never closed, because everything after it would silently become code.
 *
 * An include (```ts app="lib/x.ts#region") is resolved as the build resolves it, by the same
 * function, and throws as the build does. `options.appDir` points includes at a fixture app.
 */
export function extractCodeBlocks(
  source: string,
  page: string,
  options?: IncludeOptions,
): CodeBlock[] {
  const lines = source.split('\n')
  const blocks: CodeBlock[] = []
  for (let index = 0; index < lines.length; index++) {
    const opening = OPENING_FENCE.exec(lines[index] ?? '')
    if (!opening) continue
    const [, indent = '', fence = '', lang = '', meta = ''] = opening
    // why: CommonMark reads ``` followed by more backticks on the same line as inline code.
    if (fence.startsWith('`') && meta.includes('`')) continue
    const closing = new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`)
    const end = lines.findIndex((line, at) => at > index && closing.test(line))
    if (end === -1) throw new Error(`${page}:${index + 1}: code fence ${fence} is never closed`)
    // why: a fence inside a list item is indented; its code lines carry the same indent.
    const unindent = new RegExp(`^ {0,${indent.length}}`)
    const code = lines
      .slice(index + 1, end)
      .map((line) => line.replace(unindent, ''))
      .join('\n')
    const included = resolveInclude({ meta, code, mdxFile: page, line: index + 1 }, options)
    const shownMeta = included?.meta ?? meta.trim()
    blocks.push({
      page,
      line: index + 2,
      endLine: end + 1,
      lang: lang.toLowerCase(),
      meta: shownMeta,
      filename: /filename=(?:"([^"]*)"|'([^']*)')/.exec(shownMeta)?.slice(1).find(Boolean),
      code: included?.code ?? code,
      ...(included && {
        include: { path: included.filename, region: included.region, source: included.source },
      }),
    })
    index = end
  }
  return blocks
}

/** Every fenced code block of every MDX page, in page order. */
export function readAllCodeBlocks(): CodeBlock[] {
  return listMdxPages().flatMap((page) => extractCodeBlocks(readPage(page), page))
}

/** The file extensions a language's sample may be named with. */
const EXTENSIONS_BY_LANG: Record<string, readonly string[]> = {
  ts: ['.ts', '.mts', '.cts'],
  tsx: ['.tsx'],
  js: ['.js', '.mjs', '.cjs'],
  jsx: ['.jsx'],
  json: ['.json'],
  css: ['.css'],
}

/**
 * The block's `filename=` when it names a file. Without an extension it is a caption (`Terminal`,
 * `200 OK`): the theme shows both the same way, but only a file name says what language to expect.
 */
export function fileNameOf(block: CodeBlock): string | undefined {
  return block.filename && extname(block.filename) ? block.filename : undefined
}

/**
 * Why a block's file name contradicts its language, or null when it does not. A `.ts` file
 * shown as `js` would also escape the type check, so that direction is a problem too.
 */
export function filenameMismatch(block: CodeBlock): string | null {
  const filename = fileNameOf(block)
  if (!filename) return null
  const extension = extname(filename).toLowerCase()
  const allowed = EXTENSIONS_BY_LANG[block.lang]
  if (allowed && !allowed.includes(extension)) {
    return `${block.page}:${block.line - 1}: a \`${block.lang}\` block is named "${filename}"; expected ${allowed.join(' or ')}`
  }
  const owner = Object.entries(EXTENSIONS_BY_LANG).find(([, list]) => list.includes(extension))
  if (!allowed && owner) {
    return `${block.page}:${block.line - 1}: "${filename}" is shown as \`${block.lang || 'plain text'}\`; expected \`${owner[0]}\``
  }
  return null
}

/** The languages of application code: a block in one of them is cut from the reference app. */
export const APPLICATION_LANGS: readonly string[] = ['ts', 'tsx', 'js', 'jsx']

/** What a deliberately wrong example's file name starts with, so the reader sees it is wrong. */
export const WRONG_LABEL = 'Wrong: '

/** The bare words of a block's meta, quoted values left out: `wrong`, `snippet`, `copy`. */
export function metaWords(block: CodeBlock): string[] {
  return block.meta
    .replace(/\w+=(?:"[^"]*"|'[^']*'|\S*)/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
}

/** A `wrong` block: an example of what not to write, type-checked like the others. */
export const isWrongExample = (block: CodeBlock): boolean => metaWords(block).includes('wrong')

/** The longest `snippet`: a call signature or a line of config, not a piece of a file. */
export const MAX_SNIPPET_LINES = 3

/**
 * Why an application-code block of a chapter is typed in the MDX when it should be cut from the
 * reference app, or null when it may stand. Typed, a block may only be a deliberately wrong
 * example (`wrong`, with `filename="Wrong: …"` so the reader sees it) or a `snippet` of at most
 * three lines. Points at the opening fence: `pages/guide/x.mdx:12: …`.
 */
export function typedCodeProblem(block: CodeBlock): string | null {
  if (!APPLICATION_LANGS.includes(block.lang) || block.include) return null
  const at = `${block.page}:${block.line - 1}`
  const words = metaWords(block)
  const labelled = block.filename?.startsWith(WRONG_LABEL) ?? false
  if (words.includes('wrong')) {
    return labelled ? null : `${at}: a \`wrong\` block needs filename="${WRONG_LABEL}…"`
  }
  if (labelled) return `${at}: a block labelled "${WRONG_LABEL}" needs the meta word \`wrong\``
  if (words.includes('snippet')) {
    const lines = block.code.split('\n').length
    return lines <= MAX_SNIPPET_LINES
      ? null
      : `${at}: a \`snippet\` has at most ${MAX_SNIPPET_LINES} lines; this one has ${lines}`
  }
  return `${at}: \`${block.lang}\` code typed in the MDX`
}
