import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { listDocRoutes } from '../support/site-pages'

/** Where a reader finds links: the chapter itself, the navbar, the sidebar and the page's TOC. */
const LINK_SCOPES = 'article a[href], nav a[href], aside a[href]'

type Link = { from: string; href: string; target: URL }
type PageContent = { path: string; hrefs: string[]; ids: string[] }

/** A path without its trailing slash, so `/guide/setup/` and `/guide/setup` are one page. */
function pathOf(url: URL): string {
  return url.pathname.replace(/(.)\/$/, '$1')
}

/** The links and element ids of the page on screen, or of `html` parsed by the browser. */
function contentOf(page: Page, html?: string): Promise<PageContent> {
  return page.evaluate(
    ([scopes, source]) => {
      const root =
        source === undefined ? document : new DOMParser().parseFromString(source, 'text/html')
      return {
        path: location.pathname,
        hrefs: [...root.querySelectorAll(scopes)].map(
          (anchor) => anchor.getAttribute('href') ?? '',
        ),
        ids: [...root.querySelectorAll('[id]')].map((node) => node.id),
      }
    },
    [LINK_SCOPES, html] as const,
  )
}

/** Why a target does not answer as a link promises, or null when it does. */
async function statusProblem(page: Page, target: URL): Promise<string | null> {
  const status = (await page.request.get(target.href)).status()
  // why: an API route may rightly refuse a plain GET (401 signed out, 405 for POST-only), but
  // 404 means the route is not there and 5xx means it broke.
  if (target.pathname.startsWith('/api/')) {
    return status >= 500 || status === 404 ? `HTTP ${status}` : null
  }
  return status === 200 ? null : `HTTP ${status}`
}

test('every internal link and #anchor on every page leads to something that exists', async ({
  page,
}) => {
  const routes = listDocRoutes()
  test.setTimeout(30_000 + routes.length * 5_000)

  const links: Link[] = []
  const idsByPath = new Map<string, Set<string>>()
  for (const route of routes) {
    await page.goto(route)
    // why: the navbar names the session once the app has hydrated, so links and ids that only
    // the client renders exist by then. `networkidle` never comes on pages that poll the trace.
    await expect(page.getByTestId('navbar-session')).toBeAttached()
    let content = await contentOf(page)
    if (content.path !== route) {
      // why: a page may send a signed-out reader elsewhere (/account goes to /lab); its own
      // links are still in the HTML the server sent for it.
      content = await contentOf(page, await (await page.request.get(route)).text())
    }
    const base = new URL(route, page.url())
    links.push(
      ...content.hrefs
        .map((href) => ({ from: route, href, target: new URL(href, base) }))
        .filter((link) => link.target.origin === base.origin),
    )
    idsByPath.set(route, new Set(content.ids))
  }
  expect(links.length, 'links found on the pages').toBeGreaterThan(routes.length)
  expect(links.filter((link) => link.target.hash).length, 'anchors found').toBeGreaterThan(0)

  const linksByTarget = new Map<string, Link[]>()
  for (const link of links) {
    const key = `${pathOf(link.target)}${link.target.search}`
    linksByTarget.set(key, [...(linksByTarget.get(key) ?? []), link])
  }
  const problems = new Set<string>()
  for (const linksToTarget of linksByTarget.values()) {
    const target = linksToTarget[0]?.target
    if (!target) continue
    const statusError = await statusProblem(page, target)
    if (statusError) {
      for (const link of linksToTarget) problems.add(`${link.from}: ${link.href} → ${statusError}`)
      continue
    }
    const withFragment = linksToTarget.filter((link) => link.target.hash.length > 1)
    if (withFragment.length === 0) continue
    const ids =
      idsByPath.get(pathOf(target)) ??
      new Set((await contentOf(page, await (await page.request.get(target.href)).text())).ids)
    for (const link of withFragment) {
      const id = decodeURIComponent(link.target.hash.slice(1))
      if (!ids.has(id)) {
        problems.add(`${link.from}: ${link.href} → no element with id="${id}" on ${pathOf(target)}`)
      }
    }
  }
  expect([...problems], `Broken links:\n${[...problems].join('\n')}\n`).toEqual([])
})
