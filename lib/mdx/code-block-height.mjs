/**
 * Tells the browser how tall each highlighted code block is before it draws it.
 *
 * A long chapter's code blocks hold half of its elements (one span per token). global.css lets
 * the browser skip styling and laying out a block until the reader scrolls near it
 * (`content-visibility: auto`), but a skipped block takes the height of its placeholder, and a
 * wrong placeholder moves the page when the block is drawn. A block's height does not depend on
 * the screen: its lines do not wrap, so it is its line count times the line height, plus its
 * padding. This recma plugin writes the line count on the `<pre>` as `--code-lines`, and the
 * stylesheet turns it into the exact placeholder height.
 */
import { visit } from 'estree-util-visit'

import { objectAttribute, tagOf } from './jsx-nodes.mjs'

/**
 * Runs before recmaStaticCodeHtml folds the lines into a string, while each line is still one
 * `<span>` child of `<code>`. A block written some other way is left without the hint, and the
 * stylesheet then draws it as before.
 */
export default function recmaCodeBlockHeight() {
  /** @param {import('estree-jsx').Program} tree */
  return (tree) => {
    visit(tree, (node) => {
      if (node.type !== 'JSXElement' || tagOf(node) !== 'pre') return
      const code = node.children.find((child) => child.type === 'JSXElement')
      if (!code || tagOf(code) !== 'code') return
      const lines = code.children.filter((child) => child.type === 'JSXElement')
      if (lines.length === 0 || lines.some((line) => tagOf(line) !== 'span')) return
      const attributes = node.openingElement.attributes
      // why: a style of its own would be replaced, not merged; such a block keeps no hint.
      if (attributes.some((a) => a.type === 'JSXAttribute' && a.name.name === 'style')) return
      attributes.push(objectAttribute('style', '--code-lines', String(lines.length)))
    })
  }
}
