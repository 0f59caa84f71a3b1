/**
 * `npm run bench:pages`: Lighthouse (mobile and desktop presets) on every chapter, `BENCH_RUNS`
 * times each (default 3), each run right after a run of the plain baseline page of the same
 * build. A chapter is judged by the medians of its ratios to the baseline run just before it
 * (page-budgets.ts), so a neighbour's burst of CPU hits both sides of a ratio alike.
 */
import { median } from './argon2-ceiling'
import { BASELINE_ROUTE, listChapterRoutes, runsFromEnv } from './chapters'
import type { PageFigures, Preset } from './lighthouse-run.mjs'
import { launchChrome, measurePage } from './lighthouse-run.mjs'
import { onTermination } from './on-termination'
import type { PagePair } from './page-budgets'
import { judgePairs, PAGE_BUDGETS } from './page-budgets'
import { fixed, printGrid, runBench, verdict, writeResults } from './report'
import { startSite } from './site-process'

const PRESETS: readonly Preset[] = ['mobile', 'desktop']

function medianFigures(runs: PageFigures[]): PageFigures {
  const of = (pick: (f: PageFigures) => number) => median(runs.map(pick))
  return {
    score: of((f) => f.score),
    cls: of((f) => f.cls),
    tbtMs: of((f) => f.tbtMs),
    lcpMs: of((f) => f.lcpMs),
    benchmarkIndex: of((f) => f.benchmarkIndex),
  }
}

/** How fast the machine was across the whole run, so a reader can tell a busy run from a quiet one. */
function machineSpeed(samples: Map<string, PageFigures[]>): string {
  const indexes = [...samples.values()].flat().map((f) => f.benchmarkIndex)
  const [lowest, highest] = [Math.min(...indexes), Math.max(...indexes)]
  return `Lighthouse benchmarkIndex (CPU speed, higher is faster): median ${fixed(median(indexes), 0)}, range ${fixed(lowest, 0)}–${fixed(highest, 0)}`
}

async function measureAll(origin: string, chapters: string[], runs: number) {
  const samples = new Map<string, PageFigures[]>()
  const pairs = new Map<string, PagePair[]>()
  const chrome = await launchChrome()
  const forget = onTermination(() => chrome.kill())
  const measure = async (run: number, preset: Preset, route: string) => {
    const started = Date.now()
    const figures = await measurePage(chrome, `${origin}${route}`, preset)
    console.log(`run ${run}/${runs} ${preset} ${route}: ${Date.now() - started} ms`)
    const key = `${preset} ${route}`
    samples.set(key, [...(samples.get(key) ?? []), figures])
    return figures
  }
  try {
    for (let run = 1; run <= runs; run++) {
      for (const preset of PRESETS) {
        for (const route of chapters) {
          const baseline = await measure(run, preset, BASELINE_ROUTE)
          const chapter = await measure(run, preset, route)
          const key = `${preset} ${route}`
          pairs.set(key, [...(pairs.get(key) ?? []), { chapter, baseline }])
        }
      }
    }
  } finally {
    forget()
    chrome.kill()
  }
  return { samples, pairs }
}

async function main(): Promise<boolean> {
  const runs = runsFromEnv()
  const chapters = listChapterRoutes()
  const site = await startSite()
  let measured: Awaited<ReturnType<typeof measureAll>>
  try {
    measured = await measureAll(site.origin, chapters, runs)
  } finally {
    await site.stop()
  }
  const { samples, pairs } = measured
  const medianOf = (preset: Preset, route: string) =>
    medianFigures(samples.get(`${preset} ${route}`) ?? [])

  const rows: string[][] = []
  const results = []
  for (const preset of PRESETS) {
    const baseline = medianOf(preset, BASELINE_ROUTE)
    rows.push([
      preset,
      `${BASELINE_ROUTE} (baseline)`,
      fixed(baseline.score * 100, 0),
      fixed(baseline.cls, 3),
      fixed(baseline.tbtMs, 0),
      fixed(baseline.lcpMs, 0),
      '',
    ])
    for (const route of chapters) {
      const figures = medianOf(preset, route)
      const judged = judgePairs(pairs.get(`${preset} ${route}`) ?? [])
      results.push({ preset, route, figures, ...judged })
      rows.push([
        preset,
        route,
        `${fixed(figures.score * 100, 0)} (${fixed(judged.scoreRatio, 2)}×)`,
        fixed(figures.cls, 3),
        `${fixed(figures.tbtMs, 0)} (${fixed(judged.tbtRatio, 2)}×)`,
        `${fixed(figures.lcpMs, 0)} (${fixed(judged.lcpRatio, 2)}×)`,
        verdict(judged.pass),
      ])
    }
  }
  const b = PAGE_BUDGETS
  printGrid(
    `Lighthouse medians of ${runs} runs per chapter, each after a baseline run; ratios are medians of the per-pair ratios; budgets: score ≥ ${b.minScoreRatio}× baseline, CLS ≤ ${b.maxCls}, TBT ≤ ${b.maxTbtRatio}× max(baseline, ${b.tbtFloorMs} ms), LCP ≤ ${b.maxLcpRatio}× baseline`,
    ['preset', 'page', 'score', 'CLS', 'TBT ms', 'LCP ms', 'result'],
    rows,
  )
  console.log(machineSpeed(samples))
  const pass = results.every((result) => result.pass)
  await writeResults('pages', {
    measuredAt: new Date().toISOString(),
    runs,
    machineSpeed: machineSpeed(samples),
    budgets: PAGE_BUDGETS,
    baselines: Object.fromEntries(PRESETS.map((p) => [p, medianOf(p, BASELINE_ROUTE)])),
    samples: Object.fromEntries(samples),
    results,
    pass,
  })
  return pass
}

runBench(main)
