import { describe, expect, it } from 'vitest'

import type { PageFigures } from '@/scripts/bench/lighthouse-run.mjs'
import type { PagePair } from '@/scripts/bench/page-budgets'
import { judgePage, judgePairs, judgeRun } from '@/scripts/bench/page-budgets'
import { falseFailRate } from '@/scripts/bench/page-noise'

const figures = (overrides: Partial<PageFigures> = {}): PageFigures => ({
  score: 0.99,
  cls: 0,
  tbtMs: 100,
  lcpMs: 2000,
  benchmarkIndex: 2000,
  ...overrides,
})

const pair = (chapter: Partial<PageFigures>, baseline: Partial<PageFigures> = {}): PagePair => ({
  chapter: figures(chapter),
  baseline: figures(baseline),
})

describe('judgePage', () => {
  it('holds TBT to 1.2× the baseline', () => {
    expect(judgePage(figures({ tbtMs: 120 }), figures({ tbtMs: 100 })).pass).toBe(true)
    expect(judgePage(figures({ tbtMs: 121 }), figures({ tbtMs: 100 })).pass).toBe(false)
  })

  it('takes TBT ratios against at least 50 ms, so a near-zero baseline does not explode them', () => {
    const verdict = judgePage(figures({ tbtMs: 55 }), figures({ tbtMs: 5 }))
    expect(verdict.tbtRatio).toBeCloseTo(1.1)
    expect(verdict.pass).toBe(true)
  })

  it('fails on layout shift, a lower score or a later LCP', () => {
    expect(judgePage(figures({ cls: 0.03 }), figures()).pass).toBe(false)
    expect(judgePage(figures({ score: 0.9 }), figures({ score: 0.99 })).pass).toBe(false)
    expect(judgePage(figures({ lcpMs: 2500 }), figures({ lcpMs: 2000 })).pass).toBe(false)
  })
})

describe('judgePairs', () => {
  it('judges the median of the per-pair ratios, so one noisy pair does not decide', () => {
    const verdict = judgePairs([
      pair({ tbtMs: 110 }, { tbtMs: 100 }),
      pair({ tbtMs: 400 }, { tbtMs: 100 }),
      pair({ tbtMs: 200 }, { tbtMs: 200 }),
    ])
    expect(verdict.tbtRatio).toBeCloseTo(1.1)
    expect(verdict.pass).toBe(true)
  })

  it('judges the worst CLS of the runs, since a shift on one load out of three is a real race', () => {
    const verdict = judgePairs([pair({ cls: 0 }), pair({ cls: 0.05 }), pair({ cls: 0 })])
    expect(verdict.cls).toBe(0.05)
    expect(verdict.pass).toBe(false)
  })

  it('cancels a slow stretch that hit a chapter and the baseline run before it alike', () => {
    // Medians taken apart would compare 300 (chapter) with 100 (baseline): 3×.
    const verdict = judgePairs([
      pair({ tbtMs: 300 }, { tbtMs: 290 }),
      pair({ tbtMs: 310 }, { tbtMs: 300 }),
      pair({ tbtMs: 105 }, { tbtMs: 100 }),
    ])
    expect(verdict.pass).toBe(true)
  })
})

describe('judgeRun', () => {
  const within = judgePairs([pair({ tbtMs: 100 })])
  const over = judgePairs([pair({ tbtMs: 200 })])
  const quiet = [0, 0.01]

  it('passes when every chapter and the control are within the budgets on a quiet run', () => {
    expect(judgeRun([within, within], [within], quiet, 0.05)).toBe('pass')
  })

  it('fails when a chapter misses while the control holds', () => {
    expect(judgeRun([within, over], [within], quiet, 0.05)).toBe('fail')
  })

  it('is inconclusive when the baseline misses the budgets against itself', () => {
    expect(judgeRun([within, over], [within, over], quiet, 0.05)).toBe('inconclusive')
    expect(judgeRun([within], [over], quiet, 0.05)).toBe('inconclusive')
  })

  it('is inconclusive when an identical page would miss too often, or that is unknown', () => {
    expect(judgeRun([within, over], [within], [0.01, 0.3], 0.05)).toBe('inconclusive')
    expect(judgeRun([within], [within], [Number.NaN], 0.05)).toBe('inconclusive')
  })
})

describe('falseFailRate', () => {
  const runs = (tbts: number[]) => tbts.map((tbtMs) => figures({ tbtMs }))

  it('is zero when the baseline measures the same every time', () => {
    expect(falseFailRate(runs([300, 300, 300, 300, 300]), 3)).toBe(0)
  })

  it('is high when consecutive runs of the baseline differ by more than the budgets', () => {
    const seesaw = runs([700, 1400, 700, 1400, 700, 1400, 700, 1400, 700])
    // Half the consecutive pairs are 2×, half 0.5×: a median of three misses about half the time.
    expect(falseFailRate(seesaw, 3)).toBeGreaterThan(0.4)
    expect(falseFailRate(seesaw, 3)).toBeLessThan(0.6)
  })

  it('counts slow drift as the pairs see it, not as the spread of the whole run', () => {
    // The machine slowed down steadily; each run is 5 % slower than the one before.
    const drifting = runs([100, 105, 110, 116, 122, 128, 134, 141, 148, 155])
    expect(falseFailRate(drifting, 3)).toBe(0)
  })

  it('is reproducible: the same figures give the same estimate', () => {
    const noisy = runs([500, 900, 650, 1200, 700, 800, 1000, 600])
    expect(falseFailRate(noisy, 3)).toBe(falseFailRate(noisy, 3))
  })
})
