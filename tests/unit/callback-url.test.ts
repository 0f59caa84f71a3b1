import { describe, expect, it } from 'vitest'

import { isSameOriginCallbackUrl } from '@/lib/auth/callback-url'

const ORIGIN = 'https://handbook.example'

describe('isSameOriginCallbackUrl', () => {
  it('accepts paths and URLs on this site', () => {
    expect(isSameOriginCallbackUrl('/guide/callbacks#order', ORIGIN)).toBe(true)
    expect(isSameOriginCallbackUrl('https://handbook.example/lab', ORIGIN)).toBe(true)
  })

  it('refuses other origins, protocol-relative and backslash tricks, and script URLs', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://handbook.example/lab',
      'https://handbook.example.evil.example/',
      'not a url',
    ]) {
      expect(isSameOriginCallbackUrl(value, ORIGIN), value).toBe(false)
    }
  })
})
