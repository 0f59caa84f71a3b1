/**
 * `npm run bench:pages`: Lighthouse (mobile and desktop presets) on every chapter, `BENCH_RUNS`
 * times each (default 3), each run right after a run of the plain baseline page of the same
 * build. A chapter is judged by the medians of its ratios to the baseline run just before it
 * (page-budgets.ts), so a neighbour's burst of CPU hits both sides of a ratio alike.
 *
 * A control row measures the baseline page against itself in the same way, and the baseline's
 * own runs estimate how often a page identical to it would miss the budgets (page-noise.ts).
 * When the control misses or that rate is too high, the machine is too noisy for the budgets
 * and the run says so (inconclusive) instead of blaming the chapters.
 */
import { median } from './argon2-ceiling'
import { BASELINE_ROUTE, listChapterRoutes, runsFromEnv } from './chapters'
import type { PageFigures, Preset } from './lighthouse-run.mjs'
import { freshMemoryMicrosPerPage } from './fresh-memory'
import { launchChrome, measurePage } from './lighthouse-run.mjs'
import { onTermination } from './on-termination'
import type { PagePair, RunVerdict } from './page-budgets'
import { judgePairs, judgeRun, PAGE_BUDGETS } from './page-budgets'
import { falseFailRate, MAX_FALSE_FAIL_RATE } from './page-noise'
import { fixed, printGrid, runBench, verdict, writeResults } from './report'
import { startSite } from './site-process'

const PRESETS: readonly Preset[] = ['mobile', 'desktop']

/** What a measured page is called in the figures: a chapter's route, or the control. */
type Target = { label: string; route: string }

const CONTROL: Target = { label: `control: ${BASELINE_ROUTE} vs itself`, route: BASELINE_ROUTE }

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
function machineSpeed(samples: Map<string, PageFigures[]>, memoryMicros: number[]): string {
  const indexes = [...samples.values()].flat().map((f) => f.benchmarkIndex)
  const [lowest, highest] = [Math.min(...indexes), Math.max(...indexes)]
  const memory = memoryMicros.map((micros) => fixed(micros, 1)).join(' and ')
  return [
    `Lighthouse benchmarkIndex (CPU speed, higher is faster): median ${fixed(median(indexes), 0)}, range ${fixed(lowest, 0)}–${fixed(highest, 0)}`,
    `first touch of fresh memory, before and after: ${memory} µs per 4 KiB page (an idle machine: well under 1)`,
  ].join('\n')
}

const RUN_VERDICTS: Record<RunVerdict, string> = {
  pass: 'every chapter within its budgets',
  fail: 'a chapter missed a budget',
  inconclusive:
    'INCONCLUSIVE: the baseline page differed from itself by more than the budgets allow, so this machine is too noisy right now to tell a chapter from noise. Run again when it is quieter, or with more runs (BENCH_RUNS).',
}

async function measureAll(origin: string, targets: readonly Target[], runs: number) {
  const samples = new Map<string, PageFigures[]>()
  const pairs = new Map<string, PagePair[]>()
  const chrome = await launchChrome()
  const forget = onTermination(() => chrome.kill())
  const measure = async (run: number, preset: Preset, { label, route }: Target) => {
    const started = Date.now()
    const figures = await measurePage(chrome, `${origin}${route}`, preset)
    console.log(`run ${run}/${runs} ${preset} ${label}: ${Date.now() - started} ms`)
    const key = `${preset} ${label}`
    samples.set(key, [...(samples.get(key) ?? []), figures])
    return figures
  }
  const baselineTarget = { label: BASELINE_ROUTE, route: BASELINE_ROUTE }
  try {
    for (let run = 1; run <= runs; run++) {
      for (const preset of PRESETS) {
        for (const target of targets) {
          const baseline = await measure(run, preset, baselineTarget)
          const chapter = await measure(run, preset, target)
          const key = `${preset} ${target.label}`
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
  const chapters: Target[] = listChapterRoutes().map((route) => ({ label: route, route }))
  const memoryMicros = [freshMemoryMicrosPerPage()]
  const site = await startSite()
  let measured: Awaited<ReturnType<typeof measureAll>>
  try {
    measured = await measureAll(site.origin, [...chapters, CONTROL], runs)
  } finally {
    await site.stop()
  }
  memoryMicros.push(freshMemoryMicrosPerPage())
  const { samples, pairs } = measured
  const medianOf = (preset: Preset, label: string) =>
    medianFigures(samples.get(`${preset} ${label}`) ?? [])

  const rows: string[][] = []
  const results = []
  const controls = []
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
    for (const target of [...chapters, CONTROL]) {
      const figures = medianOf(preset, target.label)
      const judged = judgePairs(pairs.get(`${preset} ${target.label}`) ?? [])
      const result = { preset, route: target.route, figures, ...judged }
      if (target === CONTROL) controls.push(result)
      else results.push(result)
      rows.push([
        preset,
        target.label,
        `${fixed(figures.score * 100, 0)} (${fixed(judged.scoreRatio, 2)}×)`,
        fixed(judged.cls, 3),
        `${fixed(figures.tbtMs, 0)} (${fixed(judged.tbtRatio, 2)}×)`,
        `${fixed(figures.lcpMs, 0)} (${fixed(judged.lcpRatio, 2)}×)`,
        verdict(judged.pass),
      ])
    }
  }
  const b = PAGE_BUDGETS
  printGrid(
    `Lighthouse medians of ${runs} runs per chapter, each after a baseline run; ratios are medians of the per-pair ratios; CLS is the worst run's; the control row is the baseline against itself; budgets: score ≥ ${b.minScoreRatio}× baseline, CLS ≤ ${b.maxCls}, TBT ≤ ${b.maxTbtRatio}× max(baseline, ${b.tbtFloorMs} ms), LCP ≤ ${b.maxLcpRatio}× baseline`,
    ['preset', 'page', 'score', 'worst CLS', 'TBT ms', 'LCP ms', 'result'],
    rows,
  )
  console.log(machineSpeed(samples, memoryMicros))
  const falseFailRates = Object.fromEntries(
    PRESETS.map((preset) => [
      preset,
      falseFailRate(samples.get(`${preset} ${BASELINE_ROUTE}`) ?? [], runs),
    ]),
  )
  console.log(
    `noise: a page identical to the baseline would miss the budgets in ${PRESETS.map((p) => `${fixed((falseFailRates[p] ?? Number.NaN) * 100, 0)} % (${p})`).join(' and ')} of runs like these; verdicts need ≤ ${fixed(MAX_FALSE_FAIL_RATE * 100, 0)} %`,
  )
  const outcome = judgeRun(results, controls, Object.values(falseFailRates), MAX_FALSE_FAIL_RATE)
  console.log(RUN_VERDICTS[outcome])
  await writeResults('pages', {
    measuredAt: new Date().toISOString(),
    runs,
    machineSpeed: machineSpeed(samples, memoryMicros),
    freshMemoryMicrosPerPage: memoryMicros,
    budgets: PAGE_BUDGETS,
    baselines: Object.fromEntries(PRESETS.map((p) => [p, medianOf(p, BASELINE_ROUTE)])),
    samples: Object.fromEntries(samples),
    results,
    controls,
    falseFailRates,
    outcome,
    pass: outcome === 'pass',
  })
  return outcome === 'pass'
}

runBench(main)
