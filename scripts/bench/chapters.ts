import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/** The plain page every chapter is compared with: pages/bench-baseline.mdx. */
export const BASELINE_ROUTE = '/bench-baseline'

/**
 * Every chapter the budgets cover: the introduction, each guide page and the live lab; or only
 * those `BENCH_PAGES` names (e.g. `BENCH_PAGES=/guide/how-it-works`), to check one fix quickly.
 */
export function listChapterRoutes(): string[] {
  const only = process.env.BENCH_PAGES?.split(',').map((route) => route.trim())
  const guide = readdirSync(join(process.cwd(), 'pages', 'guide'))
    .filter((file) => file.endsWith('.mdx'))
    .map((file) => `/guide/${file.replace(/\.mdx$/, '')}`)
    .sort()
  const all = ['/', ...guide, '/lab']
  if (!only) return all
  const unknown = only.filter((route) => !all.includes(route))
  if (unknown.length > 0) throw new Error(`BENCH_PAGES names no chapter: ${unknown.join(', ')}`)
  return all.filter((route) => only.includes(route))
}

/** How many times each page is measured: `BENCH_RUNS`, default 3. */
export function runsFromEnv(fallback = 3): number {
  const runs = Number(process.env.BENCH_RUNS ?? fallback)
  if (!Number.isInteger(runs) || runs < 1) throw new Error('BENCH_RUNS must be a whole number ≥ 1')
  return runs
}
