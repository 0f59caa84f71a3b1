import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto'

import { serialize } from 'cookie'

/**
 * The reader's trace cookie: a reader id the server made, and its signature, that says
 * "record what NextAuth does for me". httpOnly so page scripts cannot read it, SameSite=Lax so
 * other sites cannot send it with a forged POST.
 *
 * why signed: an id that is only checked for its shape lets anyone invent readers, and every
 * invented reader gets its own share of the trace storage. Only ids this server handed out
 * verify; any other value counts as no cookie at all.
 */
export const TRACE_COOKIE = 'handbook-trace'

const TRACE_COOKIE_MAX_AGE_SECONDS = 24 * 60 * 60
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
/** Tells this key apart from every other key derived from NEXTAUTH_SECRET. */
const KEY_PURPOSE = 'handbook trace cookie signature v1'

/** What the cookie depends on: the site's secret, and whether it is served over https. */
export type TraceCookieSettings = { secret: string; secure: boolean }

/** The settings for a site at `nextauthUrl` whose NextAuth secret is `secret`. */
export function traceCookieSettings(nextauthUrl: string, secret: string): TraceCookieSettings {
  return { secret, secure: nextauthUrl.startsWith('https://') }
}

/**
 * The cookie's name and path. Over https it is a `__Host-` cookie: Secure, Path=/ and no
 * Domain, so a sibling origin (sandpack.<host>, or any other subdomain of the site) can neither
 * set it nor shadow it with one of its own. On plain http (local development) it keeps the
 * name and the /api path it always had, so a browser's older cookie is replaced, not doubled.
 */
export function traceCookieName(secure: boolean): string {
  return secure ? `__Host-${TRACE_COOKIE}` : TRACE_COOKIE
}

const keys = new Map<string, Buffer>()

// why: a key of its own, derived with HKDF, never the raw secret: a signature here then tells
// nothing about the secret that encrypts the sessions.
function signingKey(secret: string): Buffer {
  let key = keys.get(secret)
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, '', KEY_PURPOSE, 32))
    keys.set(secret, key)
  }
  return key
}

const signatureOf = (readerId: string, secret: string) =>
  createHmac('sha256', signingKey(secret)).update(readerId).digest()

/** The reader id from a request's cookies, if this site issued it; null for anything else. */
export function readTraceCookie(
  cookies: Partial<Record<string, string>>,
  settings: TraceCookieSettings,
): string | null {
  const value = cookies[traceCookieName(settings.secure)]
  if (!value) return null
  const [readerId = '', signature = '', ...rest] = value.split('.')
  if (rest.length > 0 || !UUID.test(readerId)) return null
  const given = Buffer.from(signature, 'base64url')
  const expected = signatureOf(readerId, settings.secret)
  return given.length === expected.length && timingSafeEqual(given, expected) ? readerId : null
}

/** A new reader id and the Set-Cookie header that hands it, signed, to the browser. */
export function issueTraceCookie(settings: TraceCookieSettings): {
  readerId: string
  header: string
} {
  const readerId = randomUUID()
  const value = `${readerId}.${signatureOf(readerId, settings.secret).toString('base64url')}`
  const header = serialize(traceCookieName(settings.secure), value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secure,
    path: settings.secure ? '/' : '/api',
    maxAge: TRACE_COOKIE_MAX_AGE_SECONDS,
  })
  return { readerId, header }
}
