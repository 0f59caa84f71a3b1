import { describe, expect, it } from 'vitest'

import { listMdxPages, readPage } from '../support/mdx-code-blocks'
import { extractSiteLinks, siteTargetExists } from '../support/mdx-links'

const links = listMdxPages().flatMap((page) => extractSiteLinks(readPage(page), page))

describe('links between the chapters', () => {
  it('are found, so the check below cannot pass by seeing nothing', () => {
    expect(links.length).toBeGreaterThan(10)
  })

  it('lead to a page under pages/ or a file under public/', () => {
    const broken = links
      .filter((link) => !siteTargetExists(link.href))
      .map((link) => `${link.page}:${link.line}: ${link.href} has no page or file`)
    if (broken.length > 0) expect.fail(`Broken links in the chapters:\n${broken.join('\n')}`)
  })
})

describe('the link check', () => {
  it('reads markdown links, definitions and JSX hrefs, and skips code', () => {
    const page = [
      'See [setup](/guide/setup#install "Setup") and ![logo](/favicon.svg).',
      '[lab]: /lab',
      '<a href="/account">Account</a>, `[not a link](/nowhere)`, [out](https://example.com)',
      '```md',
      '[also not a link](/nowhere)',
      '```',
      'Then [broken](/guide/no-such-chapter).',
    ].join('\n')
    expect(
      extractSiteLinks(page, 'pages/fixture.mdx').map(({ line, href }) => [line, href]),
    ).toEqual([
      [1, '/guide/setup#install'],
      [1, '/favicon.svg'],
      [2, '/lab'],
      [3, '/account'],
      [7, '/guide/no-such-chapter'],
    ])
  })

  it('finds pages, dynamic API routes and public files, and nothing else', () => {
    expect(siteTargetExists('/')).toBe(true)
    expect(siteTargetExists('/guide/setup#install')).toBe(true)
    expect(siteTargetExists('/api/auth/signin?csrf=true')).toBe(true)
    expect(siteTargetExists('/api/backend/login')).toBe(true)
    expect(siteTargetExists('/favicon.svg')).toBe(true)
    expect(siteTargetExists('/guide/no-such-chapter')).toBe(false)
    expect(siteTargetExists('/guide')).toBe(false)
    expect(siteTargetExists('/_app')).toBe(false)
    expect(siteTargetExists('/api/backend/login/extra')).toBe(false)
  })
})
