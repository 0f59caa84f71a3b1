import type { Browser } from '@playwright/test'
import { chromium } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium'
import type { SpawnedServer } from '../support/spawn-server'
import { newDataDir, startSiteServer } from '../support/spawn-server'
import { trackedFiles } from '../support/site-copy'
import { TEST_REPOSITORY_URL } from './site-with-repository-setup'

/**
 * Issue #26, item 10, with the setting on: a deployment that sets REPOSITORY_URL gets the GitHub
 * icon, "Edit this page" for the chapter's own file, "Source" in the footer, and chapters whose
 * `source:` links lead to files that exist, on the main branch of that repository. The e2e suite
 * checks the default, where none of these show.
 */
const BLOB = `${TEST_REPOSITORY_URL}/blob/main/`
const TRACKED = new Set(trackedFiles())

let site: SpawnedServer
let browser: Browser

beforeAll(async () => {
  const { siteDir, buildOutput } = inject('siteWithRepository')
  if (siteDir === null) throw new Error(buildOutput)
  ;[site, browser] = await Promise.all([
    startSiteServer(`file:${newDataDir()}/site.sqlite`, siteDir),
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  ])
})

afterAll(async () => {
  await Promise.all([site?.stop(), browser?.close()])
})

/** Every link on a page, as the reader's browser resolves it. */
async function linksOn(path: string, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport })
  try {
    await page.goto(`${site.origin}${path}`)
    return {
      page,
      links: await page.locator('a[href]').evaluateAll((anchors) =>
        (anchors as HTMLAnchorElement[]).map((anchor) => ({
          href: anchor.href,
          text: anchor.textContent?.trim() ?? '',
          label: anchor.getAttribute('aria-label') ?? '',
        })),
      ),
    }
  } catch (error) {
    await page.close()
    throw error
  }
}

describe('the site built with REPOSITORY_URL set', () => {
  it('links the GitHub icon and the footer’s "Source" to the repository', async () => {
    const { page, links } = await linksOn('/guide/setup')
    await page.close()
    const toRepository = links.filter((link) => link.href === TEST_REPOSITORY_URL)
    expect(toRepository.map((link) => link.text)).toEqual(expect.arrayContaining(['Source']))
    expect(toRepository.length).toBeGreaterThanOrEqual(2)
  })

  it('points "Edit this page" at the chapter’s own file on the main branch', async () => {
    const { page, links } = await linksOn('/guide/setup')
    await page.close()
    const edit = links.find((link) => /edit this page/i.test(link.text))
    expect(edit?.href).toBe(`${BLOB}pages/guide/setup.mdx`)
  })

  it('turns every source: link of a chapter into a link to a file the repository holds', async () => {
    const { page, links } = await linksOn('/guide/security-guarantees')
    await page.close()
    const files = links
      .filter((link) => link.href.startsWith(BLOB))
      .map((link) => link.href.slice(BLOB.length))
    expect(files.length).toBeGreaterThan(10)
    expect(files.filter((file) => !TRACKED.has(decodeURIComponent(file)))).toEqual([])
  })

  it('keeps the phone’s navbar within 390 px, the GitHub icon in it', async () => {
    const { page } = await linksOn('/guide/setup', { width: 390, height: 844 })
    try {
      const navbar = page.locator('.nextra-nav-container nav')
      const github = navbar.locator(`a[href="${TEST_REPOSITORY_URL}"]`)
      expect(await github.isVisible()).toBe(true)
      const box = await github.boundingBox()
      expect(box && box.x + box.width).toBeLessThanOrEqual(390)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390)
    } finally {
      await page.close()
    }
  })
})
