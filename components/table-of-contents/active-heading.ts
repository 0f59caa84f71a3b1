/** A heading's box in the viewport, as `getBoundingClientRect()` gives it. */
export type HeadingBox = { top: number; bottom: number }

/**
 * Which of a chapter's headings (in document order) names the section the reader is in, by the
 * rule of the docs theme's own table of contents: the first heading inside the band from the
 * navbar's bottom to the middle of the screen; when none is there, the last one above that band;
 * before the first heading, none (-1).
 *
 * why from the boxes, not from the theme's IntersectionObserver: an observer reports a heading
 * only when it crosses the band. A jump that carries a heading from below the band to above it
 * in one frame (Page Down, End, Home, dragging the scroll bar) reports nothing, and the theme kept
 * marking a section the reader had left. The boxes are read again on every scroll.
 */
export function activeHeadingIndex(
  headings: readonly HeadingBox[],
  bandTop: number,
  bandBottom: number,
): number {
  let lastAbove = -1
  for (const [index, heading] of headings.entries()) {
    if (heading.top >= bandBottom) break
    if (heading.bottom > bandTop) return index
    lastAbove = index
  }
  return lastAbove
}
