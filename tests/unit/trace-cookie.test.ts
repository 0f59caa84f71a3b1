import { randomUUID } from 'node:crypto'

import { parse } from 'cookie'
import { describe, expect, it } from 'vitest'

import type { TraceCookieSettings } from '@/lib/trace/cookie'
import { issueTraceCookie, readTraceCookie, TRACE_COOKIE } from '@/lib/trace/cookie'

const onHttp: TraceCookieSettings = { secret: 's'.repeat(43), secure: false }
const onHttps: TraceCookieSettings = { secret: 's'.repeat(43), secure: true }

/** The cookie a browser would send back after receiving `header`. */
function sentBack(header: string): Record<string, string> {
  const [pair = ''] = header.split(';')
  return parse(pair) as Record<string, string>
}

describe('the trace cookie', () => {
  it('gives back the reader id of a cookie this site issued', () => {
    const issued = issueTraceCookie(onHttp)
    expect(readTraceCookie(sentBack(issued.header), onHttp)).toBe(issued.readerId)
  })

  it('refuses a made-up reader id, however well shaped', () => {
    expect(readTraceCookie({ [TRACE_COOKIE]: randomUUID() }, onHttp)).toBeNull()
    const forgedSignature = `${randomUUID()}.${'A'.repeat(43)}`
    expect(readTraceCookie({ [TRACE_COOKIE]: forgedSignature }, onHttp)).toBeNull()
  })

  it('refuses a signature moved to another id, or made with another secret', () => {
    const issued = sentBack(issueTraceCookie(onHttp).header)[TRACE_COOKIE] ?? ''
    const [, signature] = issued.split('.')
    expect(readTraceCookie({ [TRACE_COOKIE]: `${randomUUID()}.${signature}` }, onHttp)).toBeNull()
    const otherSecret = { ...onHttp, secret: 'o'.repeat(43) }
    expect(readTraceCookie({ [TRACE_COOKIE]: issued }, otherSecret)).toBeNull()
    expect(readTraceCookie({ [TRACE_COOKIE]: `${issued}.extra` }, onHttp)).toBeNull()
  })

  it('is a __Host- cookie over https: Secure, Path=/, no Domain, httpOnly, Lax', () => {
    const { header, readerId } = issueTraceCookie(onHttps)
    expect(header).toMatch(
      /^__Host-handbook-trace=[^;]+; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    )
    expect(readTraceCookie(sentBack(header), onHttps)).toBe(readerId)
    // why: the plain name is not read over https, so a cookie planted under it counts for nothing.
    expect(
      readTraceCookie({ [TRACE_COOKIE]: sentBack(header)[`__Host-${TRACE_COOKIE}`] }, onHttps),
    ).toBeNull()
  })

  it('keeps its name and the /api path on plain http', () => {
    expect(issueTraceCookie(onHttp).header).toMatch(
      /^handbook-trace=[^;]+; Max-Age=86400; Path=\/api; HttpOnly; SameSite=Lax$/,
    )
  })
})
