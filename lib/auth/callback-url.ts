/**
 * Control characters (C0, DEL, C1) and whitespace of any kind.
 * why: NextAuth puts the callbackUrl in a Location header and a cookie, where CR, LF or NUL make
 * Node throw ERR_INVALID_CHAR (a 500, and a signed-in reader's redirect fails). And the URL
 * parser silently drops tabs and newlines, so "/\t/evil.example" would become "//evil.example".
 */
const CONTROL_OR_WHITESPACE = /[\p{Cc}\s]/u

/** A path that a browser would read as another host: "//host" or "/\host". */
const isProtocolRelative = (path: string) => path.startsWith('//') || path.startsWith('/\\')

/**
 * The callbackUrl as NextAuth may use it, or null when it must be refused: a path on this site
 * ("/guide") or an absolute URL with this site's origin, without control characters or
 * whitespace. What is returned is percent-encoded as a URL is ("/guide/é" becomes
 * "/guide/%C3%A9"), so it is plain ASCII, safe in a header and a cookie.
 *
 * NextAuth's own check comes later and answers odd values such as `javascript:` with a 500;
 * this one refuses them first, with a 400.
 */
export function normalizeCallbackUrl(value: string, siteOrigin: string): string | null {
  if (CONTROL_OR_WHITESPACE.test(value)) return null
  if (value.startsWith('/')) {
    if (isProtocolRelative(value)) return null
    const url = new URL(value, siteOrigin)
    const path = `${url.pathname}${url.search}${url.hash}`
    // why: dot segments can turn a path into "//host" ("/.//evil.example").
    return isProtocolRelative(path) ? null : path
  }
  try {
    const url = new URL(value)
    const ok = (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === siteOrigin
    return ok ? url.href : null
  } catch {
    return null
  }
}

/** True for a callbackUrl NextAuth may send a reader to (see `normalizeCallbackUrl`). */
export function isSameOriginCallbackUrl(value: string, siteOrigin: string): boolean {
  return normalizeCallbackUrl(value, siteOrigin) !== null
}

type CallbackUrls = { query?: string; body?: string }

/**
 * The callbackUrls a request carries, in the query string and in a form body, normalised; null
 * when either is refused (or is not a single string).
 */
export function normalizeRequestCallbackUrls(
  query: Record<string, unknown>,
  body: unknown,
  siteOrigin: string,
): CallbackUrls | null {
  const fromBody =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>).callbackUrl
      : undefined
  const normalized: CallbackUrls = {}
  for (const [where, value] of [
    ['query', query.callbackUrl],
    ['body', fromBody],
  ] as const) {
    if (value === undefined) continue
    const url = typeof value === 'string' ? normalizeCallbackUrl(value, siteOrigin) : null
    if (url === null) return null
    normalized[where] = url
  }
  return normalized
}

/** NextAuth's callback-url cookie, under any of its prefixes (none, __Secure-, __Host-). */
const CALLBACK_URL_COOKIE = /^(__Secure-|__Host-)?next-auth\.callback-url$/

/**
 * The request's cookies with NextAuth's callback-url cookie normalised, or left out when it
 * would be refused as a parameter. NextAuth redirects to that cookie when a request names no
 * callbackUrl: one with CR or LF (which anyone can send, percent-encoded) made every
 * unauthenticated sign-out a 500 with a four-line stack trace in the log. Left out, NextAuth
 * uses the site's origin and writes a good cookie over the bad one.
 */
export function withNormalizedCallbackUrlCookie(
  cookies: Partial<Record<string, string>>,
  siteOrigin: string,
): Partial<Record<string, string>> {
  const result = { ...cookies }
  for (const [name, value] of Object.entries(cookies)) {
    if (!CALLBACK_URL_COOKIE.test(name) || value === undefined) continue
    const normalized = normalizeCallbackUrl(value, siteOrigin)
    if (normalized === null) delete result[name]
    else result[name] = normalized
  }
  return result
}
