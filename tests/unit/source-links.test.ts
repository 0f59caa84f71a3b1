import { describe, expect, it } from 'vitest'
import { compile } from '@mdx-js/mdx'

import remarkSourceLinks, { sourceLinksInMarkdown } from '@/lib/mdx/source-links.mjs'

const render = async (mdx: string, repositoryUrl: string | null) =>
  String(
    await compile(mdx, {
      remarkPlugins: [[remarkSourceLinks, { repositoryUrl }]],
      outputFormat: 'function-body',
    }),
  )

describe('source: links', () => {
  it('point at the file on the main branch when the repository is configured', async () => {
    const out = await render('See [`lib/env.ts`](source:lib/env.ts).', 'https://example.com/o/r')
    expect(out).toContain('"https://example.com/o/r/blob/main/lib/env.ts"')
  })

  it('leave their text and no link when no repository is configured', async () => {
    const out = await render('See [`lib/env.ts`](source:lib/env.ts).', null)
    expect(out).not.toContain('href')
    expect(out).not.toContain('source:')
    expect(out).toContain('"lib/env.ts"')
  })

  it('fail the build, naming the line, when the file does not exist', async () => {
    await expect(render('\n[gone](source:lib/gone.ts)', null)).rejects.toThrow(
      /:2: source:lib\/gone\.ts names no file/,
    )
    await expect(render('[up](source:../etc/passwd)', null)).rejects.toThrow(/names no file/)
  })

  it('are rewritten the same way in the markdown copy of a chapter', () => {
    const text = 'See [`lib/env.ts`](source:lib/env.ts).'
    expect(sourceLinksInMarkdown(text, null)).toBe('See `lib/env.ts`.')
    expect(sourceLinksInMarkdown(text, 'https://example.com/o/r')).toBe(
      'See [`lib/env.ts`](https://example.com/o/r/blob/main/lib/env.ts).',
    )
  })
})
