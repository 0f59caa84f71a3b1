import type { CDPSession } from '@playwright/test'
import { expect, test } from '@playwright/test'

/**
 * React should adopt the server's HTML, not rebuild it: rebuilding a long chapter's headings
 * restyles and relays out the whole page on a reader's phone (see components/stable-headings.ts).
 */
test('the headings the server sent are still the ones on the page after hydration', async ({
  page,
}) => {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const served = [...document.querySelectorAll('main :is(h2, h3)')]
      Object.assign(window, { servedHeadings: served })
    })
  })
  await page.goto('/guide/troubleshooting')

  const hydrated = () =>
    page.evaluate(() => {
      const [first] = (window as unknown as { servedHeadings: Element[] }).servedHeadings
      return Object.keys(first ?? {}).some((key) => key.startsWith('__reactFiber'))
    })
  await expect.poll(hydrated, { timeout: 15_000 }).toBe(true)
  await page.waitForLoadState('networkidle')
  // why: the theme's layout renders again just after hydration; a remount would happen then.
  await page.waitForTimeout(1_000)

  const replaced = await page.evaluate(() => {
    const served = (window as unknown as { servedHeadings: Element[] }).servedHeadings
    return { served: served.length, replaced: served.filter((h) => !h.isConnected).length }
  })
  expect(replaced.served).toBeGreaterThan(5)
  expect(replaced.replaced).toBe(0)
})

/**
 * lib/build/client-without-rewrites.mjs: once hydrated, a chapter is not rendered again as a
 * whole. React reports every commit to a DevTools hook, when one is installed before it loads;
 * this one counts the components whose props changed in each commit. With the client believing
 * the site had rewrites, three commits right after hydration re-rendered some 1,250 of the
 * reference's 1,500 components each; the small updates that remain (the theme and widgets
 * noticing they are mounted) touch under 200.
 */
test('after hydration the chapter is not rendered again as a whole', async ({ page }) => {
  await page.addInitScript(() => {
    type Fiber = {
      alternate: Fiber | null
      child: Fiber | null
      sibling: Fiber | null
      memoizedProps: unknown
    }
    const commits: { fibers: number; rerendered: number }[] = []
    Object.assign(window, {
      reactCommits: commits,
      __REACT_DEVTOOLS_GLOBAL_HOOK__: {
        supportsFiber: true,
        inject: () => 1,
        onScheduleFiberRoot: () => {},
        onCommitFiberUnmount: () => {},
        onPostCommitFiberRoot: () => {},
        onCommitFiberRoot: (_renderer: number, root: { current: Fiber }) => {
          let fibers = 0
          let rerendered = 0
          const stack = [root.current]
          for (let fiber = stack.pop(); fiber; fiber = stack.pop()) {
            fibers++
            if (fiber.alternate && fiber.memoizedProps !== fiber.alternate.memoizedProps) {
              rerendered++
            }
            if (fiber.child) stack.push(fiber.child)
            if (fiber.sibling) stack.push(fiber.sibling)
          }
          commits.push({ fibers, rerendered })
        },
      },
    })
  })
  await page.goto('/guide/demo-backend')
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(1_000)

  const commits = await page.evaluate(
    () =>
      (window as unknown as { reactCommits: { fibers: number; rerendered: number }[] })
        .reactCommits,
  )
  const [hydration, ...later] = commits
  expect(hydration?.fibers).toBeGreaterThan(1_000)
  expect(later.length).toBeGreaterThan(0)
  for (const commit of later) expect(commit.rerendered).toBeLessThan(commit.fibers / 4)
})

/**
 * next-themes applies the theme again once React has started, twice per page load. With the
 * theme's default `disableTransitionOnChange` it first adds a `* { transition: none }` style
 * sheet and then removes it, and the browser restyles the whole document both times (see
 * theme.config.tsx). The theme must still apply, from the stored choice, without that.
 */
test('applying the stored theme after hydration adds no style sheet to the page', async ({
  page,
}) => {
  await page.addInitScript(() => {
    localStorage.setItem('theme', 'dark')
    const added: string[] = []
    Object.assign(window, { addedStyles: added })
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeName === 'STYLE') added.push(node.textContent ?? '')
        }
      }
    }).observe(document, { childList: true, subtree: true })
  })
  await page.goto('/guide/troubleshooting')
  await page.waitForLoadState('networkidle')
  await expect(page.locator('html')).toHaveClass(/\bdark\b/)
  await page.waitForTimeout(500)

  const added = await page.evaluate(
    () => (window as unknown as { addedStyles: string[] }).addedStyles,
  )
  expect(added.filter((css) => css.includes('transition'))).toEqual([])
})

/**
 * next-themes also takes the theme classes off <html> and puts the current one back, even when
 * nothing changed. That must not restyle every element of the chapter
 * (lib/build/dark-mode-by-class.cjs). Chromium reports how many elements each style
 * recalculation touched in its trace: all 800 or so before, about 80 now (the code blocks'
 * spans, which a `[class*=twoslash-]` rule of the theme still ties to any class change).
 */
test('putting the same theme class back on <html> does not restyle the whole page', async ({
  page,
}) => {
  await page.goto('/guide/security-checklist')
  await page.waitForLoadState('networkidle')
  const cdp = await page.context().newCDPSession(page)
  const restyled = collectRestyledElementCounts(cdp)
  await cdp.send('Tracing.start', { categories: 'devtools.timeline' })

  const elementsOnPage = await page.evaluate(() => {
    const html = document.documentElement
    const theme = html.classList.contains('dark') ? 'dark' : 'light'
    html.classList.remove('light', 'dark')
    html.classList.add(theme)
    void document.body.offsetHeight // forces the style recalculation now, inside the trace
    return document.querySelectorAll('*').length
  })
  await cdp.send('Tracing.end')

  const counts = await restyled
  expect(elementsOnPage).toBeGreaterThan(500)
  expect(counts.length).toBeGreaterThan(0)
  expect(Math.max(...counts)).toBeLessThan(elementsOnPage / 4)
})

/** The element counts of every style recalculation in the trace that `cdp` is about to record. */
function collectRestyledElementCounts(cdp: CDPSession): Promise<number[]> {
  const counts: number[] = []
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const event of value as { name?: string; args?: { elementCount?: number } }[]) {
      const count = event.args?.elementCount
      if (event.name === 'UpdateLayoutTree' && typeof count === 'number') counts.push(count)
    }
  })
  return new Promise((resolve) => cdp.once('Tracing.tracingComplete', () => resolve(counts)))
}

/**
 * lib/client/hydrate-in-transition.mjs: React hydrates the page in short slices and lets the
 * browser run other tasks in between. A timer that re-arms itself gets to run many times while a
 * sliced hydration is under way, and at most once or twice (before React's task starts) while a
 * hydration runs as one task. The CPU is slowed 6×, more than a phone, so the hydration spans
 * many slices even now that the first load's code is compiled off the main thread (4× gave 4–10).
 * Alone, eight loads gave 7–19 runs; in the full suite on a busy machine one gave 4, so the test
 * asks for 3, still more than a hydration in one task allows.
 */
test('the page hydrates in slices, with the browser free to run other tasks in between', async ({
  page,
}) => {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 })
  await page.addInitScript(() => {
    const ticks: number[] = []
    Object.assign(window, { timerTicks: ticks })
    const tick = () => {
      ticks.push(performance.now())
      setTimeout(tick, 0)
    }
    tick()
  })
  await page.goto('/guide/troubleshooting')

  const ticksDuringHydration = () =>
    page.evaluate(() => {
      // Next.js measures its hydration, from just before `hydrateRoot` to the first commit.
      const [hydration] = performance.getEntriesByName('Next.js-hydration')
      if (!hydration) return undefined
      const end = hydration.startTime + hydration.duration
      const { timerTicks } = window as unknown as { timerTicks: number[] }
      return timerTicks.filter((at) => at > hydration.startTime && at < end).length
    })
  await expect.poll(ticksDuringHydration, { timeout: 30_000 }).toBeDefined()
  expect(await ticksDuringHydration()).toBeGreaterThanOrEqual(3)
})
