/**
 * True for a callbackUrl NextAuth may send a reader to: a path on this site ("/guide") or an
 * absolute URL with this site's origin. NextAuth's own check comes later and answers odd
 * values such as `javascript:` with a 500; this one refuses them first, with a 400.
 */
export function isSameOriginCallbackUrl(value: string, siteOrigin: string): boolean {
  if (value.startsWith('/')) return !value.startsWith('//') && !value.startsWith('/\\')
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === siteOrigin
  } catch {
    return false
  }
}

/** Every callbackUrl a request carries: in the query string and in a form body. */
export function callbackUrlsOf(query: Record<string, unknown>, body: unknown): unknown[] {
  const fromBody =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>).callbackUrl
      : undefined
  return [query.callbackUrl, fromBody].filter((value) => value !== undefined)
}
