import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

import { extractCodeBlocks, PROJECT_ROOT } from './mdx-code-blocks'

/** A link of a chapter to somewhere on this site, with the line it is written on. */
export type SiteLink = { page: string; line: number; href: string }

const LINK_PATTERNS = [
  // [text](/path "title") and ![alt](/image.svg)
  /\]\(\s*<?(\/(?!\/)[^\s)>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g,
  // [label]: /path
  /^\s{0,3}\[[^\]]+\]:\s*<?(\/(?!\/)[^\s>]*)/g,
  // <a href="/path"> or <Link href="/path"> written as JSX
  /\bhref=["'](\/(?!\/)[^"']*)["']/g,
]

/**
 * The site-relative links (`/…`) of one MDX source, outside code: a link shown in a code block
 * or in `inline code` is an example, not a link.
 */
export function extractSiteLinks(source: string, page: string): SiteLink[] {
  const lines = source.split('\n')
  for (const block of extractCodeBlocks(source, page)) {
    // why: from the opening fence (the line before the code) to the closing one, 0-based.
    for (let at = block.line - 2; at < block.endLine; at++) lines[at] = ''
  }
  return lines.flatMap((text, index) => {
    const prose = text.replace(/(`+).*?\1/g, (code) => ' '.repeat(code.length))
    return LINK_PATTERNS.flatMap((pattern) =>
      [...prose.matchAll(pattern)].map((match) => ({
        page,
        line: index + 1,
        href: match[1] ?? '',
      })),
    )
  })
}

const PAGE_EXTENSIONS = ['.mdx', '.md', '.tsx', '.ts', '.jsx', '.js']
const PAGES_DIR = join(PROJECT_ROOT, 'pages')
const PUBLIC_DIR = join(PROJECT_ROOT, 'public')

/**
 * Whether `href` (a path on this site) leads to a page under pages/, dynamic routes included,
 * or to a file under public/. Query and fragment are ignored; the browser test checks fragments.
 */
export function siteTargetExists(href: string): boolean {
  const path = decodeURIComponent(new URL(href, 'http://site.invalid').pathname)
  const segments = path.split('/').filter(Boolean)
  if (segments.length > 0 && isFile(join(PUBLIC_DIR, ...segments))) return true
  if (isGeneratedByExportMarkdown(path)) return true
  return routeExists(PAGES_DIR, segments)
}

// why: scripts/export-markdown.mjs writes these into public/ just before `next build`, and
// git ignores them, so a fresh checkout has none: they exist when their chapter does.
function isGeneratedByExportMarkdown(path: string): boolean {
  if (path === '/llms.txt') return true
  const chapter = /^\/md\/(.+)\.md$/.exec(path)?.[1]
  return chapter !== undefined && isFile(join(PAGES_DIR, `${chapter}.mdx`))
}

function routeExists(dir: string, segments: readonly string[]): boolean {
  const [segment, ...rest] = segments
  if (segment === undefined) return hasPage(dir, 'index') || hasPage(dir, '[[...', true)
  if (segment.startsWith('_')) return false
  if (rest.length === 0 && hasPage(dir, segment)) return true
  if (isDirectory(join(dir, segment)) && routeExists(join(dir, segment), rest)) return true
  return entriesOf(dir).some((entry) => {
    const stem = entry.replace(/\.\w+$/, '')
    const isPage = PAGE_EXTENSIONS.some((extension) => entry.endsWith(extension))
    if (/^\[\[?\.\.\.\w+\]\]?$/.test(stem)) return isPage || isDirectory(join(dir, entry))
    if (!/^\[\w+\]$/.test(stem)) return false
    if (isPage) return rest.length === 0
    return isDirectory(join(dir, entry)) && routeExists(join(dir, entry), rest)
  })
}

function hasPage(dir: string, name: string, isPrefix = false): boolean {
  return entriesOf(dir).some((entry) =>
    PAGE_EXTENSIONS.some((extension) =>
      isPrefix ? entry.startsWith(name) && entry.endsWith(extension) : entry === name + extension,
    ),
  )
}

function entriesOf(dir: string): string[] {
  return isDirectory(dir) ? readdirSync(dir) : []
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile()
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory()
}
