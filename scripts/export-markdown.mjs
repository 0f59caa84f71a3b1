#!/usr/bin/env node
/**
 * Runs before `next build`: writes a plain-markdown copy of every chapter to public/md/ and an
 * index of them to public/llms.txt (https://llmstxt.org), for readers who feed docs to tools.
 * The MDX stays the single source; the copies are build output and are not committed.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { includeCodeInMarkdown } from '../lib/mdx/include-code.mjs'
import { sourceLinksInMarkdown } from '../lib/mdx/source-links.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pagesDir = join(root, 'pages')
const outDir = join(root, 'public', 'md')
const SITE_NAME = 'NextAuth Credentials Handbook'

const OPENING_FENCE = /^\s*(`{3,}|~{3,})/
/** Stands for a code block while the prose around it is cleaned: no rule below matches it. */
const CODE_BLOCK = /^\uE000(\d+)\uE000$/gm

/**
 * The text with each fenced code block (fences included) replaced by one placeholder line, and
 * the blocks. A fence closes on a line of the same character, at least as long; one never
 * closed runs to the end, as in CommonMark.
 */
function setCodeAside(text) {
  const lines = text.split('\n')
  const blocks = []
  const out = []
  for (let index = 0; index < lines.length; index++) {
    const fence = OPENING_FENCE.exec(lines[index] ?? '')?.[1]
    if (!fence) {
      out.push(lines[index])
      continue
    }
    const closing = new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`)
    let end = lines.findIndex((line, at) => at > index && closing.test(line))
    if (end === -1) end = lines.length - 1
    blocks.push(lines.slice(index, end + 1).join('\n'))
    out.push(`\uE000${blocks.length - 1}\uE000`)
    index = end
  }
  return { prose: out.join('\n'), blocks }
}

/**
 * Front matter fields and the body, without the MDX-only parts (imports, JSX widgets). Code
 * blocks are kept exactly as they are: an `import` or a `<Component />` in a sample is code.
 */
export function toPlainMarkdown(mdx) {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(mdx)
  const frontMatter = Object.fromEntries(
    (match?.[1] ?? '')
      .split('\n')
      .map((line) => /^(\w+):\s*(.*)$/.exec(line))
      .filter(Boolean)
      .map(([, key, value]) => [key, value.trim()]),
  )
  const { prose, blocks } = setCodeAside(mdx.slice(match ? match[0].length : 0))
  const body = sourceLinksInMarkdown(prose)
    .replace(/^import .*$/gm, '')
    // why: layout-only wrappers (a diagram's reserved frame) and MDX comments mean nothing in
    // plain markdown.
    .replace(/^<\/?div(\s[^>]*)?>$/gm, '')
    .replace(/^\{\/\*[\s\S]*?\*\/\}$/gm, '')
    // why: a claim marker after a sentence ({/* claim: id */}) ties it to its test; readers of
    // the markdown copy have no use for it.
    .replace(/ ?\{\/\*\s*claim:[^*]*\*\/\}/g, '')
    // why: the widgets are interactive and have no text form; a note says where they are.
    .replace(
      /^<([A-Z]\w*)(?:\s[^>]*)?\/>$/gm,
      (_, name) => `> (Interactive: ${name}. Open the page on the site to use it.)`,
    )
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .replace(CODE_BLOCK, (_, at) => blocks[Number(at)] ?? '')
  return { title: frontMatter.title ?? '', description: frontMatter.description ?? '', body }
}

function chapters() {
  const guideOrder = Object.keys(
    Object.fromEntries(
      [
        ...readFileSync(join(pagesDir, 'guide', '_meta.ts'), 'utf8').matchAll(
          /^\s+'?([\w-]+)'?:/gm,
        ),
      ].map((m) => [m[1], true]),
    ),
  )
  const routes = ['index', ...guideOrder.map((slug) => `guide/${slug}`), 'lab']
  return routes.map((route) => {
    const mdx = readFileSync(join(pagesDir, `${route}.mdx`), 'utf8')
    // why: an included block's fence is empty in the MDX; the copy gets the code a reader sees.
    return { route, ...toPlainMarkdown(includeCodeInMarkdown(mdx, `pages/${route}.mdx`)) }
  })
}

function main() {
  rmSync(outDir, { recursive: true, force: true })
  const pages = chapters()
  for (const page of pages) {
    const file = join(outDir, `${page.route}.md`)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(
      file,
      `# ${page.title}\n\n> ${page.description}\n\n${page.body.replace(/^# .*\n+/, '')}\n`,
    )
  }
  const index = [
    `# ${SITE_NAME}`,
    '',
    '> How to sign users in against your own backend with NextAuth.js v4 (next-auth 4.24) and the Credentials provider.',
    '',
    '## Chapters',
    '',
    ...pages.map((page) => `- [${page.title}](/md/${page.route}.md): ${page.description}`),
    '',
  ].join('\n')
  writeFileSync(join(root, 'public', 'llms.txt'), index)
  console.log(`Exported ${pages.length} pages to public/md/ and public/llms.txt`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
