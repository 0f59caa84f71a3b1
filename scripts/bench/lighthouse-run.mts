// why: an ES module on purpose. Lighthouse sends some of its own functions into the page as
// source text; loaded from CommonJS, tsx would rewrite them with a `__name` helper the page
// does not have ("__name is not defined"). Loaded from here, Lighthouse stays untouched.
import type { LaunchedChrome } from 'chrome-launcher'
import { launch } from 'chrome-launcher'
import type { Config, Flags } from 'lighthouse'
import lighthouse, { desktopConfig } from 'lighthouse'

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium'

export type Preset = 'mobile' | 'desktop'

/**
 * What one Lighthouse run says about a page. Times in milliseconds. `benchmarkIndex` is
 * Lighthouse's own CPU benchmark, run just before the page: higher is a faster (quieter) machine.
 */
export type PageFigures = {
  score: number
  cls: number
  tbtMs: number
  lcpMs: number
  benchmarkIndex: number
}

/** Starts Debian's Chromium once for every run; Lighthouse opens a fresh tab per run. */
export function launchChrome(): Promise<LaunchedChrome> {
  return launch({
    // Debian's Chromium and the flags every browser on these machines needs, as in the tests.
    chromePath: CHROMIUM_PATH,
    chromeFlags: CHROMIUM_ARGS,
  })
}

const numeric = (audits: Record<string, { numericValue?: number }>, id: string) => {
  const value = audits[id]?.numericValue
  if (typeof value !== 'number') throw new Error(`Lighthouse returned no ${id}`)
  return value
}

/**
 * One Lighthouse performance run of `url` with the mobile (Lighthouse's default) or desktop
 * preset. Throttling is Lighthouse's simulated one, so every page is judged by the same model.
 */
export async function measurePage(
  chrome: LaunchedChrome,
  url: string,
  preset: Preset,
): Promise<PageFigures> {
  const flags: Flags = {
    port: chrome.port,
    logLevel: 'error',
    output: 'json',
    onlyCategories: ['performance'],
  }
  const config: Config | undefined = preset === 'desktop' ? desktopConfig : undefined
  const result = await lighthouse(url, flags, config)
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
  const { categories, audits, runtimeError, environment } = result.lhr
  const score = categories.performance?.score
  if (runtimeError || typeof score !== 'number') {
    throw new Error(`Lighthouse failed on ${url}: ${runtimeError?.code ?? 'no score'}`)
  }
  return {
    score,
    cls: numeric(audits, 'cumulative-layout-shift'),
    tbtMs: numeric(audits, 'total-blocking-time'),
    lcpMs: numeric(audits, 'largest-contentful-paint'),
    benchmarkIndex: environment.benchmarkIndex,
  }
}
