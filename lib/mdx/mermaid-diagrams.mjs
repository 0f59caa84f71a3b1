/**
 * Mermaid diagrams drawn once, ahead of time, instead of in every reader's browser: mermaid's
 * ~600 kB of JavaScript and its layout pass blocked the main thread for hundreds of milliseconds
 * on the chapters with a diagram, and a diagram that arrives late moves the text below it.
 *
 * `npm run diagrams` (scripts/render-diagrams.mjs) draws each ```mermaid block of the chapters in
 * Chromium, light and dark, into public/diagrams/<id>-{light,dark}.svg; those files are committed.
 * At build time the remark plugin below replaces each block with the two images, sized from the
 * drawing, and fails the build when a block has no drawing yet. The id is a hash of the block's
 * source, so an edited diagram cannot show its old drawing.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const DIAGRAMS_DIR = join(root, 'public', 'diagrams')
export const THEMES = /** @type {const} */ (['light', 'dark'])

/** Bump to redraw every diagram when the drawing options in render-diagrams.mjs change. */
const DRAWING_VERSION = '2'

/** @param {string} source */
export function diagramId(source) {
  return createHash('sha256')
    .update(`${DRAWING_VERSION}\n${source.trim()}`)
    .digest('hex')
    .slice(0, 12)
}

/** @param {string} source @param {'light' | 'dark'} theme */
export const diagramFile = (source, theme) =>
  join(DIAGRAMS_DIR, `${diagramId(source)}-${theme}.svg`)

/** Every ```mermaid block of an MDX text, as its source. @param {string} mdx */
export function mermaidBlocks(mdx) {
  return [...mdx.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1] ?? '')
}

/** The diagram's text alternative: its `accTitle`, then its `accDescr`. @param {string} source */
export function altTextOf(source) {
  const field = (name) => new RegExp(`^\\s*${name}:\\s*(.+)$`, 'm').exec(source)?.[1]?.trim()
  return [field('accTitle'), field('accDescr')].filter(Boolean).join('. ')
}

/** Width and height of a drawing, from its root element. @param {string} svg */
export function sizeOf(svg) {
  const width = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]
  const height = /<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1]
  return { width: Math.round(Number(width)), height: Math.round(Number(height)) }
}

const attribute = (name, value) => ({ type: 'mdxJsxAttribute', name, value: String(value) })

/** The MDX for one drawn diagram: both themes' images; CSS shows the one that fits the page. */
function diagramNode(source) {
  const alt = altTextOf(source)
  const images = THEMES.map((theme) => {
    const file = diagramFile(source, theme)
    if (!existsSync(file)) {
      throw new Error(
        `The mermaid diagram "${alt || source.slice(0, 40)}" has no drawing (${file}). ` +
          'Run `npm run diagrams` and commit public/diagrams/.',
      )
    }
    const { width, height } = sizeOf(readFileSync(file, 'utf8'))
    return {
      type: 'mdxJsxFlowElement',
      name: 'img',
      attributes: [
        attribute('className', `diagram diagram-${theme}`),
        attribute('src', `/diagrams/${diagramId(source)}-${theme}.svg`),
        attribute('alt', alt),
        attribute('width', width),
        attribute('height', height),
        attribute('decoding', 'async'),
      ],
      children: [],
    }
  })
  return {
    type: 'mdxJsxFlowElement',
    name: 'figure',
    attributes: [attribute('className', 'diagram-figure')],
    children: images,
  }
}

/** The remark plugin: every ```mermaid code block becomes its pre-drawn images. */
export default function remarkPrerenderedMermaid() {
  const visit = (node) => {
    node.children?.forEach((child, index) => {
      if (child.type === 'code' && child.lang === 'mermaid') {
        node.children[index] = diagramNode(child.value)
      } else {
        visit(child)
      }
    })
  }
  return (tree) => visit(tree)
}
