import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Which client a request speaks for, as far as the rate limits are concerned.
 *
 * A browser's sign-in reaches the backend through the site's `authorize()`, a server-to-server
 * call: without help, every reader would share the site server's address and one attacker
 * could lock everyone out. So the site names the reader's address in a header and signs it
 * with the backend's key; the backend believes the header only when the signature holds.
 */
export const CLIENT_IP_HEADER = 'x-handbook-client-ip'
export const CLIENT_IP_SIGNATURE_HEADER = 'x-handbook-client-ip-signature'

// why: the key also signs access tokens; the prefix keeps the two kinds of signature apart.
const signatureOf = (ip: string, secret: string) =>
  createHmac('sha256', secret).update(`client-ip:${ip}`).digest('base64url')

/** The two headers that vouch for `ip`. */
export function clientIpHeaders(ip: string, secret: string): Record<string, string> {
  return { [CLIENT_IP_HEADER]: ip, [CLIENT_IP_SIGNATURE_HEADER]: signatureOf(ip, secret) }
}

/** The vouched-for address, or null when the headers are missing or not signed with `secret`. */
export function verifiedClientIp(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
): string | null {
  const ip = headers[CLIENT_IP_HEADER]
  const signature = headers[CLIENT_IP_SIGNATURE_HEADER]
  if (typeof ip !== 'string' || typeof signature !== 'string' || ip.length > 64) return null
  const expected = Buffer.from(signatureOf(ip, secret))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given) ? ip : null
}

/**
 * The address of the client behind `trustProxyHops` reverse proxies: the proxies append to
 * X-Forwarded-For, so the client is that many entries from the end. With 0 the header is
 * ignored, since without a proxy anyone can write it.
 */
export function forwardedClientIp(
  socketIp: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxyHops: number,
): string {
  const fallback = socketIp ?? 'unknown'
  if (trustProxyHops <= 0) return fallback
  const entries = String(forwardedFor ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  return entries[entries.length - trustProxyHops] ?? fallback
}

let proxyWarningShown = false

/**
 * Warns once per process when a request carries X-Forwarded-For or Forwarded while
 * `trustProxyHops` is 0. why: behind a reverse proxy every request comes from the proxy's
 * address, so with the header ignored all clients share one set of rate limits, and one
 * attacker's wrong passwords lock out everyone. The header alone proves nothing (anyone can
 * send it), so this only warns, on the first request that shows it, and changes nothing.
 */
export function warnIfProxyHeadersIgnored(
  headers: Record<string, string | string[] | undefined>,
  remoteAddress: string | undefined,
  trustProxyHops: number,
): void {
  if (proxyWarningShown || trustProxyHops > 0) return
  const forwardedFor = headers['x-forwarded-for']
  // why: Next.js fills in X-Forwarded-For with the socket's own address on every request it
  // serves; only a header that names someone else was written by a proxy (or a client).
  const namesAnother = forwardedFor !== undefined && forwardedFor !== remoteAddress
  if (!namesAnother && headers.forwarded === undefined) return
  proxyWarningShown = true
  console.warn(
    '[backend] A request arrived with an X-Forwarded-For or Forwarded header, but ' +
      'TRUST_PROXY_HOPS is 0, so the header is ignored and every client behind a proxy shares ' +
      "the proxy's address in the rate limits. If this server runs behind reverse proxies, set " +
      'TRUST_PROXY_HOPS to their number (TRUST_PROXY_HOPS=1 for one proxy). If it does not, ' +
      'leave it at 0: then the header was sent by the client and is rightly ignored.',
  )
}
