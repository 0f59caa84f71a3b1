import { randomUUID } from 'node:crypto'

import { serialize } from 'cookie'

/**
 * The reader's trace cookie: a random id that says "record what NextAuth does for me".
 * httpOnly so page scripts cannot read it, SameSite=Lax so other sites cannot send it with
 * a forged POST, scoped to /api where the tracer and NextAuth live.
 */
export const TRACE_COOKIE = 'handbook-trace'

const TRACE_COOKIE_MAX_AGE_SECONDS = 24 * 60 * 60
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** The reader id from a request's cookies, if it is one this site could have issued. */
export function readTraceCookie(cookies: Partial<Record<string, string>>): string | null {
  const value = cookies[TRACE_COOKIE]
  return value && UUID.test(value) ? value : null
}

/** A new reader id and the Set-Cookie header that hands it to the browser. */
export function issueTraceCookie(secure: boolean): { readerId: string; header: string } {
  const readerId = randomUUID()
  const header = serialize(TRACE_COOKIE, readerId, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/api',
    maxAge: TRACE_COOKIE_MAX_AGE_SECONDS,
  })
  return { readerId, header }
}
