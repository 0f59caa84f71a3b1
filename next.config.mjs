import nextra from 'nextra'

const withNextra = nextra({
  theme: 'nextra-theme-docs',
  themeConfig: './theme.config.tsx',
  defaultShowCopyCode: true,
  search: { codeblocks: false },
  mdxOptions: {
    rehypePrettyCodeOptions: {
      // why: the plain GitHub themes fail WCAG AA contrast for several token colours.
      theme: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
    },
  },
})

const isProduction = process.env.NODE_ENV === 'production'

/**
 * The two inline scripts the docs theme writes into every page (next-themes' no-flash theme
 * switch, Nextra's `dir` setter), allowed by hash: statically generated pages cannot carry a
 * per-request nonce. tests/e2e/security-headers.spec.ts recomputes the hashes from the served
 * HTML and fails when a theme upgrade changes the scripts.
 */
const THEME_INLINE_SCRIPTS = [
  "'sha256-cd+HpnSsLaEz1lKWBNn+k+xOe1m2p5ZgfjoyNvHy9eU='",
  "'sha256-iX9LRPdLBV4jlGfQ+1qGl2+8iQlVITwJKum0Gqg4bTQ='",
]

/**
 * Content-Security-Policy, one directive per line. The exceptions, and why:
 * - script-src: the two theme scripts above; 'unsafe-eval' only in development, where React's
 *   fast refresh needs it.
 * - style-src 'unsafe-inline': the theme sets its colours in an inline <style>, and mermaid and
 *   shiki style the SVG and code they render inline. Styles cannot run code.
 * - img-src data:: mermaid and the theme's icons use data: URLs.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' ${THEME_INLINE_SCRIPTS.join(' ')}${isProduction ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ')

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  // why: browsers ignore HSTS over plain HTTP, so it is harmless on localhost and binding in
  // production, where the site must be served over HTTPS.
  ...(isProduction
    ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
    : []),
]

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // why: the header only advertises the framework to scanners.
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }]
  },
}

export default withNextra(nextConfig)
