import { describe, expect, it } from 'vitest'

import { activeHeadingIndex } from '@/components/table-of-contents/active-heading'

// A 720 px screen under a 64 px navbar: the band runs from 64 to 360.
const BAND_TOP = 64
const BAND_BOTTOM = 360
const at = (...tops: number[]) => tops.map((top) => ({ top, bottom: top + 36 }))

describe('activeHeadingIndex', () => {
  it('marks nothing before the first heading has come up into the band', () => {
    expect(activeHeadingIndex(at(500, 1400, 2600), BAND_TOP, BAND_BOTTOM)).toBe(-1)
    expect(activeHeadingIndex([], BAND_TOP, BAND_BOTTOM)).toBe(-1)
  })

  it('marks the first heading inside the band', () => {
    expect(activeHeadingIndex(at(-900, 100, 300, 900), BAND_TOP, BAND_BOTTOM)).toBe(1)
  })

  it('marks the last heading above the band when none is inside it', () => {
    expect(activeHeadingIndex(at(-2000, -700, 800), BAND_TOP, BAND_BOTTOM)).toBe(1)
    // Under the navbar still counts as above: its section is the one on screen.
    expect(activeHeadingIndex(at(-2000, 40, 800), BAND_TOP, BAND_BOTTOM)).toBe(1)
  })

  it('lets go of a section the reader jumped back above', () => {
    // The same chapter, first scrolled to its end, then back to its top: only the boxes count.
    const headings = [1400, 2600, 3800]
    expect(
      activeHeadingIndex(at(...headings.map((top) => top - 3700)), BAND_TOP, BAND_BOTTOM),
    ).toBe(2)
    expect(activeHeadingIndex(at(...headings), BAND_TOP, BAND_BOTTOM)).toBe(-1)
  })
})
