import type { Locator } from '@playwright/test'

/** Where a line of code lies, relative to a box around it, and over how many rows it wraps. */
export type LineBox = { text: string; left: number; top: number; width: number; rows: number }

/**
 * Finds each of `lines`, in order, in the text under `root` (a placeholder's `pre` or
 * CodeMirror's content, which splits a line over many spans) and measures it relative to
 * `frame`. Lines must be on screen: CodeMirror draws only what is.
 */
export async function measureLines(
  root: Locator,
  frame: Locator,
  lines: string[],
): Promise<LineBox[]> {
  return root.evaluate(
    (element, { lines, frameBox }) => {
      const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      const nodes: { node: Text; start: number }[] = []
      let text = ''
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node: node as Text, start: text.length })
        text += node.textContent ?? ''
      }
      const at = (index: number) => {
        const found = [...nodes].reverse().find(({ start }) => start <= index)
        if (!found) throw new Error(`No text at ${index}`)
        return { node: found.node, offset: index - found.start }
      }
      let cursor = 0
      return lines.map((line) => {
        const index = text.indexOf(line, cursor)
        if (index < 0) throw new Error(`Line not found: ${line}`)
        cursor = index + line.length
        const range = element.ownerDocument.createRange()
        const start = at(index)
        // why: the end is the last character's own node, not the start of the next one.
        const end = at(index + line.length - 1)
        range.setStart(start.node, start.offset)
        range.setEnd(end.node, end.offset + 1)
        const box = range.getBoundingClientRect()
        // why: spans on one row may differ by a pixel; a new row is a line height further down.
        const tops = [...range.getClientRects()].map((rect) => rect.top).sort((a, b) => a - b)
        const rows = tops.filter((top, i) => i === 0 || top - (tops[i - 1] ?? top) > 8).length
        return {
          text: line,
          left: Math.round((box.left - frameBox.x) * 2) / 2,
          top: Math.round((box.top - frameBox.y) * 2) / 2,
          width: Math.round(box.width * 2) / 2,
          rows,
        }
      })
    },
    { lines, frameBox: (await frame.boundingBox()) ?? { x: 0, y: 0 } },
  )
}
