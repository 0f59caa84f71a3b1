/**
 * Where a sandbox's preview iframe loads Sandpack's bundler from: SANDPACK_BUNDLER_URL when the
 * build was given one, otherwise the site's own copy on its sibling origin sandpack.<host>
 * (next.config.mjs routes that host to public/sandpack/). The bundler must be on an origin of
 * its own: it runs the reader's code, which must not run next to the site's cookies. In
 * production it must be on a registrable domain of its own too (lib/env.ts refuses to start
 * otherwise): a sibling subdomain could set cookies for the site's parent domain.
 */
export function bundlerUrlFor(location: Pick<Location, 'protocol' | 'hostname' | 'port'>): string {
  const configured = process.env.NEXT_PUBLIC_SANDPACK_BUNDLER_URL
  if (configured) return configured
  // why: `sandpack.127.0.0.1` is not a host name; Chromium resolves any *.localhost to loopback.
  const isAddress = /^[\d.]+$/.test(location.hostname) || location.hostname.includes(':')
  const siteHost = isAddress ? 'localhost' : location.hostname
  const port = location.port ? `:${location.port}` : ''
  return `${location.protocol}//sandpack.${siteHost}${port}/index.html`
}
