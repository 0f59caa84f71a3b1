import { median } from './argon2-ceiling'
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
  const ratios = { scoreRatio, tbtRatio, lcpRatio, cls: chapter.cls }
  return { ...ratios, pass: withinBudgets(ratios) }
}

function withinBudgets({ scoreRatio, tbtRatio, lcpRatio, cls }: Omit<PageVerdict, 'pass'>) {
  const b = PAGE_BUDGETS
  return (
    scoreRatio >= b.minScoreRatio &&
    cls <= b.maxCls &&
    tbtRatio <= b.maxTbtRatio &&
    lcpRatio <= b.maxLcpRatio
  )
}

/** One chapter run and the baseline run measured just before it, in the same preset. */
export type PagePair = { chapter: PageFigures; baseline: PageFigures }

/**
 * A chapter judged by the medians of its per-pair ratios, and by the worst CLS of its runs.
 * why: on a shared machine a neighbour's burst can last minutes; a ratio taken between two runs
 * seconds apart cancels it, where a ratio between two medians taken far apart does not. A layout
 * shift is not noise of that kind: it shows a race in the page that a reader meets on some loads,
 * so one shifted run out of three is enough to fail the chapter.
 */
export function judgePairs(pairs: readonly PagePair[]): PageVerdict {
  const each = pairs.map(({ chapter, baseline }) => judgePage(chapter, baseline))
  const ratios = {
    scoreRatio: median(each.map((v) => v.scoreRatio)),
    tbtRatio: median(each.map((v) => v.tbtRatio)),
    lcpRatio: median(each.map((v) => v.lcpRatio)),
    cls: Math.max(...each.map((v) => v.cls)),
  }
  return { ...ratios, pass: withinBudgets(ratios) }
}

/**
 * What a run of the page bench concludes. `inconclusive` when the noise of the run was larger
 * than the budgets: the control (the baseline page paired with itself) missed them, or a page
 * identical to the baseline would have missed them too often (`falseFailRates`, one per preset,
 * from page-noise.ts). On that machine, at that time, the figures cannot tell a slow chapter
 * from noise, so no chapter's verdict means anything.
 */
export type RunVerdict = 'pass' | 'fail' | 'inconclusive'

export function judgeRun(
  chapters: readonly PageVerdict[],
  controls: readonly PageVerdict[],
  falseFailRates: readonly number[],
  maxFalseFailRate: number,
): RunVerdict {
  const tooNoisy = falseFailRates.some((rate) => !(rate <= maxFalseFailRate))
  if (tooNoisy || !controls.every((control) => control.pass)) return 'inconclusive'
  return chapters.every((chapter) => chapter.pass) ? 'pass' : 'fail'
}
