import { describe } from 'vitest'

/**
 * Ties tests to the chapter sentence they prove, in both directions.
 *
 * In the chapter, the sentence is followed by an MDX comment, which the compiled page drops:
 *
 *     The callback request runs `authorize()`, then `signIn`, … {/* claim: callbacks-callback-request *\/}
 *
 * In the tests, the same id and the sentence as a reader sees it:
 *
 *     describeChapter('pages/guide/callbacks.mdx', () => {
 *       claim('callbacks-callback-request', 'The callback request runs authorize(), then signIn, …', () => {
 *         it('runs authorize, signIn, then jwt in the callback request', async () => { … })
 *       })
 *     })
 *
 * tests/unit/claims/claims-are-linked.test.ts reads these calls from the tests' source, so the
 * page, the id and the quote must be written as string literals. It fails when a marker has no
 * claim, a claim has no marker, or the text before a marker no longer ends with the quote.
 */
export function describeChapter(page: string, body: () => void): void {
  describe(page, body)
}

/**
 * The tests in `body` prove the sentence `quote`, which the chapter of the enclosing
 * `describeChapter` follows with `{/* claim: <id> *\/}`. `quote` is the whole sentence (or
 * several, or a table row with its cells joined by ` | `) as the reader sees it: without link
 * targets or emphasis; backticks are allowed and ignored.
 */
export function claim(id: string, quote: string, body: () => void): void {
  // why: claims-are-linked reads the quote from this call's source; the title leaves it out so
  // that vitest's report stays readable (the id finds the sentence).
  void quote
  describe(`claim ${id}`, body)
}

/** Ids are kebab-case, unique across the site: `callbacks-callback-request`. */
export const CLAIM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** A claim marker in a chapter: `{/* claim: <id> *\/}`. */
export type ClaimMarker = {
  /** Relative to the project: `pages/guide/callbacks.mdx`. */
  page: string
  id: string
  /** 1-based line of the marker. */
  line: number
  /** The text of the paragraph, list item or table row before the marker, normalised. */
  textBefore: string
}

const MDX_COMMENT = /\{\/\*([\s\S]*?)\*\/\}/g
const MARKER_BODY = /^\s*claim:\s*(\S+)\s*$/
const LIST_ITEM_START = /^\s*(?:[-*+]|\d+[.)])\s/
const TABLE_ROW = /^\s*\|/
const HEADING = /^\s*#/

/**
 * The claim markers of one MDX source, and a problem for each comment that starts like a
 * marker but is not one (so a typo cannot hide a claim). `codeLines` are the 1-based lines
 * inside fenced code blocks, where a marker would be shown, not hidden.
 */
export function readMarkers(
  source: string,
  page: string,
  codeLines: ReadonlySet<number>,
): { markers: ClaimMarker[]; problems: string[] } {
  const markers: ClaimMarker[] = []
  const problems: string[] = []
  for (const match of source.matchAll(MDX_COMMENT)) {
    const content = match[1] ?? ''
    if (!/^\s*claim\b/.test(content)) continue
    const line = source.slice(0, match.index).split('\n').length
    const id = MARKER_BODY.exec(content)?.[1]
    if (!id || !CLAIM_ID.test(id)) {
      problems.push(
        `${page}:${line}: "${match[0]}" is not a claim marker {/* claim: <kebab-id> */}`,
      )
      continue
    }
    if (codeLines.has(line)) {
      problems.push(`${page}: claim ${id}: its marker is inside a code block, where it is shown`)
      continue
    }
    markers.push({ page, id, line, textBefore: textBefore(source, match.index) })
  }
  return { markers, problems }
}

/**
 * The paragraph, list item or table row that `offset` is in, from its start to `offset`,
 * normalised. A table row stands alone; a list item starts at its bullet.
 */
function textBefore(source: string, offset: number): string {
  const lines = source.slice(0, offset).split('\n')
  const last = lines.at(-1) ?? ''
  if (TABLE_ROW.test(last)) return normaliseTableRow(last)
  let start = lines.length - 1
  while (start > 0) {
    const line = lines[start] ?? ''
    if (LIST_ITEM_START.test(line) || HEADING.test(line)) break
    const previous = lines[start - 1] ?? ''
    if (previous.trim() === '') break
    start--
  }
  return normaliseMdx(lines.slice(start).join('\n').replace(LIST_ITEM_START, ''))
}

function normaliseTableRow(row: string): string {
  const cells = row
    .trim()
    .replace(/^\|/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => normaliseMdx(cell.replaceAll('\\|', '|')))
  return cells.filter((cell, index) => cell !== '' || index < cells.length - 1).join(' | ')
}

/**
 * Markdown as a reader sees it: other MDX comments, link targets, emphasis and backticks
 * removed, whitespace and line breaks collapsed. Text inside `code` keeps its underscores
 * and asterisks (`__Secure-`).
 */
export function normaliseMdx(markdown: string): string {
  const code: string[] = []
  // why: code is set aside first, so that `__Secure-` keeps its underscores, and put back last,
  // so that emphasis or a link around code (**`signIn`**, [`jwt`](/x)) is still removed.
  const prose = markdown
    .replace(MDX_COMMENT, '')
    .replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_, _fence, content: string) => {
      code.push(content.trim())
      return `\uE000${code.length - 1}\uE000`
    })
  const text = stripInlineMarkup(prose).replace(
    /\uE000(\d+)\uE000/g,
    (_, at) => code[Number(at)] ?? '',
  )
  return collapse(text)
}

function stripInlineMarkup(prose: string): string {
  return prose
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(?<![\w*])([*_])(?=\S)([\s\S]*?\S)\1(?![\w*])/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1')
}

/** A quote from a test as the chapter is compared with it: backticks dropped, spaces collapsed. */
export function normaliseQuote(quote: string): string {
  return collapse(quote.replaceAll('`', ''))
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

const TRAILING_PUNCTUATION = /[\s.,;:!?]+$/
const SENTENCE_START = /(?:^|[.!?]["')]*|\|)$/

/**
 * Why the text before `marker` does not end with `quote` as a whole sentence, or null when it
 * does. The quote may leave out the sentence's final punctuation.
 */
export function quoteMismatch(marker: ClaimMarker, quote: string): string | null {
  const wanted = normaliseQuote(quote).replace(TRAILING_PUNCTUATION, '')
  const before = marker.textBefore.replace(TRAILING_PUNCTUATION, '')
  if (wanted === '') return 'the quote is empty'
  if (!before.endsWith(wanted)) {
    const shown = before.length > 160 ? `…${before.slice(-160)}` : before
    return `the text before its marker (line ${marker.line}) does not end with the quoted sentence\n    quoted: "${wanted}"\n    chapter: "${shown}"`
  }
  const rest = before.slice(0, before.length - wanted.length).trimEnd()
  if (!SENTENCE_START.test(rest)) {
    return `the quote starts in the middle of a sentence (line ${marker.line}); quote it from "${rest.split(/(?<=[.!?])\s/).at(-1)}" on`
  }
  return null
}
