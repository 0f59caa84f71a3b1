import type { PageFigures } from './lighthouse-run.mjs'
import type { PagePair } from './page-budgets'
import { judgePairs } from './page-budgets'

/**
 * The most often a page no different from the baseline may miss the budgets for a run's
 * verdicts to mean something. Above it, the run is inconclusive.
 */
export const MAX_FALSE_FAIL_RATE = 0.05

/**
 * How often, in this run, a page identical to the baseline would have missed the budgets.
 *
 * why: each chapter is judged on a few pairs, and two Lighthouse runs of one page can differ by
 * more than the budgets allow (docs/performance.md). The baseline itself was measured once
 * before every chapter, in order, so consecutive baseline runs are pairs of the same page taken
 * about as far apart as a chapter and its baseline. Drawing `pairsPerChapter` of those pairs at
 * random, judging them as a chapter is judged, and counting the misses estimates how often this
 * machine, at this time, fails a page for noise alone.
 */
export function falseFailRate(
  baselineRunsInOrder: readonly PageFigures[],
  pairsPerChapter: number,
  { draws = 4000, random = seededRandom(7) } = {},
): number {
  const pairs: PagePair[] = baselineRunsInOrder
    .slice(1)
    .map((later, i) => ({ chapter: later, baseline: baselineRunsInOrder[i]! }))
  if (pairs.length === 0) return Number.NaN
  let misses = 0
  for (let draw = 0; draw < draws; draw++) {
    const drawn = Array.from(
      { length: pairsPerChapter },
      () => pairs[Math.floor(random() * pairs.length)]!,
    )
    if (!judgePairs(drawn).pass) misses++
  }
  return misses / draws
}

/** mulberry32: a small seeded generator, so a run's estimate can be reproduced from its figures. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
