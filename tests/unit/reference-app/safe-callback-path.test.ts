import { describe, expect, it } from 'vitest'

import { safeCallbackPath } from '@reference-app/lib/sign-in-errors'

describe('the sign-in page’s callbackUrl check', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeCallbackPath('/account')).toBe('/account')
    expect(safeCallbackPath('/editor?tab=drafts#top')).toBe('/editor?tab=drafts#top')
  })

  it.each([
    ['another site', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash the browser reads as a slash', '/\\evil.example'],
    ['a tab the browser drops', '/\t/evil.example'],
    ['a line break the browser drops', '/\n/evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['something that is not a string', ['/account']],
  ])('sends %s home', (_, value) => {
    expect(safeCallbackPath(value)).toBe('/')
  })
})
