import { describe, expect, it } from 'vitest'

import {
  isSameOriginCallbackUrl,
  normalizeCallbackUrl,
  normalizeRequestCallbackUrls,
  withNormalizedCallbackUrlCookie,
} from '@/lib/auth/callback-url'

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
      '/.//evil.example',
      '/guide/..//evil.example',
    ]) {
      expect(isSameOriginCallbackUrl(value, ORIGIN), value).toBe(false)
    }
  })

  it('refuses control characters and whitespace anywhere, which headers cannot carry', () => {
    for (const value of [
      '/guide\r\nSet-Cookie: planted=1',
      '/guide\n',
      '/guide\r',
      '/guide\u0000',
      '/guide\u0007',
      '/guide\u007f',
      '/guide\u0085',
      '/\t/evil.example',
      '/guide with spaces',
      '/guide\u00a0',
      '/guide\u2028',
      'https://handbook.example/lab\r\n',
    ]) {
      expect(isSameOriginCallbackUrl(value, ORIGIN), JSON.stringify(value)).toBe(false)
    }
  })
})

describe('normalizeCallbackUrl', () => {
  it('percent-encodes non-ASCII paths as UTF-8, so the result is plain ASCII', () => {
    expect(normalizeCallbackUrl('/guide/é', ORIGIN)).toBe('/guide/%C3%A9')
    expect(normalizeCallbackUrl('/guide/€?q=ü#à', ORIGIN)).toBe('/guide/%E2%82%AC?q=%C3%BC#%C3%A0')
    expect(normalizeCallbackUrl('https://handbook.example/guide/é', ORIGIN)).toBe(
      'https://handbook.example/guide/%C3%A9',
    )
  })

  it('leaves an ordinary path as it was', () => {
    expect(normalizeCallbackUrl('/guide/setup?x=1#top', ORIGIN)).toBe('/guide/setup?x=1#top')
    expect(normalizeCallbackUrl('/guide/%C3%A9', ORIGIN)).toBe('/guide/%C3%A9')
  })
})

describe('normalizeRequestCallbackUrls', () => {
  it('normalises the query string and the form body, and refuses when either is bad', () => {
    expect(
      normalizeRequestCallbackUrls({ callbackUrl: '/é' }, { callbackUrl: '/lab' }, ORIGIN),
    ).toEqual({
      query: '/%C3%A9',
      body: '/lab',
    })
    expect(normalizeRequestCallbackUrls({}, undefined, ORIGIN)).toEqual({})
    expect(
      normalizeRequestCallbackUrls({ callbackUrl: '/lab' }, { callbackUrl: '/x\n' }, ORIGIN),
    ).toBeNull()
    expect(normalizeRequestCallbackUrls({ callbackUrl: ['/a', '/b'] }, {}, ORIGIN)).toBeNull()
  })
})

describe('withNormalizedCallbackUrlCookie', () => {
  it('leaves out a callback-url cookie that would be refused, under any prefix, and nothing else', () => {
    const cookies = {
      'next-auth.callback-url': '/x\r\ny',
      '__Secure-next-auth.callback-url': 'https://evil.example/',
      '__Host-next-auth.callback-url': '/guide/é',
      'next-auth.csrf-token': 'token|hash',
    }
    expect(withNormalizedCallbackUrlCookie(cookies, ORIGIN)).toEqual({
      '__Host-next-auth.callback-url': '/guide/%C3%A9',
      'next-auth.csrf-token': 'token|hash',
    })
  })
})
