import type { PageFigures } from './lighthouse-run.mjs'

/** What every chapter is held to, against the baseline page measured in the same run. */
export const PAGE_BUDGETS = {
  minScoreRatio: 0.95,
  maxCls: 0.02,
  maxTbtRatio: 1.2,
  maxLcpRatio: 1.2,
  /**
   * why: the baseline's Total Blocking Time is often 0–20 ms, and a ratio to a number that small
   * explodes on a single 55 ms task (55 ÷ 5 = 11×) while meaning nothing to a reader. TBT only
   * counts the part of each task above 50 ms, so 50 ms is the smallest blocking a reader can
   * feel: the ratio is taken against max(baseline, 50 ms).
   */
  tbtFloorMs: 50,
} as const

export type PageVerdict = {
  scoreRatio: number
  tbtRatio: number
  lcpRatio: number
  cls: number
  pass: boolean
}

/** A chapter's medians judged against the baseline's medians. */
export function judgePage(chapter: PageFigures, baseline: PageFigures): PageVerdict {
  const b = PAGE_BUDGETS
  const scoreRatio = chapter.score / baseline.score
  const tbtRatio = chapter.tbtMs / Math.max(baseline.tbtMs, b.tbtFloorMs)
  const lcpRatio = chapter.lcpMs / baseline.lcpMs
  const pass =
    scoreRatio >= b.minScoreRatio &&
    chapter.cls <= b.maxCls &&
    tbtRatio <= b.maxTbtRatio &&
    lcpRatio <= b.maxLcpRatio
  return { scoreRatio, tbtRatio, lcpRatio, cls: chapter.cls, pass }
}
