import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'

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
  /** Everything after the language: `filename="lib/auth.ts" {2,6}`. */
  meta: string
  /** The `filename="…"` of the meta, if there is one. */
  filename: string | undefined
  code: string
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
 */
export function extractCodeBlocks(source: string, page: string): CodeBlock[] {
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
    blocks.push({
      page,
      line: index + 2,
      endLine: end + 1,
      lang: lang.toLowerCase(),
      meta: meta.trim(),
      filename: /filename=(?:"([^"]*)"|'([^']*)')/.exec(meta)?.slice(1).find(Boolean),
      code: lines
        .slice(index + 1, end)
        .map((line) => line.replace(unindent, ''))
        .join('\n'),
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
