import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import nextra from 'nextra'

import { dropRewritesFromClient } from './lib/build/client-without-rewrites.mjs'
import { CompileFirstLoadEagerly } from './lib/build/compile-first-load-eagerly.mjs'
import { mdxOptions } from './lib/mdx/options.mjs'
import { parseRepositoryUrl } from './lib/repository-url.mjs'
import { BEFORE_PAINT_SCRIPT } from './lib/theme/before-paint.mjs'

const withNextra = nextra({
  theme: 'nextra-theme-docs',
  themeConfig: './theme.config.tsx',
  defaultShowCopyCode: true,
  search: { codeblocks: false },
  mdxOptions,
})

const isProduction = process.env.NODE_ENV === 'production'

/**
 * Where the sandboxes' previews run. By default the site serves Sandpack's bundler itself (copied
 * into public/sandpack/ by scripts/copy-sandpack-bundler.mjs) on a sibling origin,
 * sandpack.<site host>: reader code runs there, in an origin that cannot read the site's cookies.
 * SANDPACK_BUNDLER_URL points the previews elsewhere, e.g. a CDN subdomain.
 */
const siteUrl = new URL(process.env.NEXTAUTH_URL ?? 'http://localhost:3000')
const bundlerUrl = process.env.SANDPACK_BUNDLER_URL
  ? new URL(process.env.SANDPACK_BUNDLER_URL)
  : new URL(`${siteUrl.protocol}//sandpack.${siteUrl.host}`)
/**
 * Requests for the bundler are told apart by host name, which Next matches as an anchored
 * regular expression without the port. Any `sandpack.` host by default, so one build serves
 * whichever host it is deployed on.
 */
const BUNDLER_HOST_PATTERN = process.env.SANDPACK_BUNDLER_URL
  ? bundlerUrl.hostname.replaceAll('.', '\\.')
  : 'sandpack\\..+'
/**
 * On localhost the port is chosen when the server starts (tests pick a free one), after this
 * config was built into the routes manifest; `:*` accepts any port there and only there.
 */
const sourceFor = (url) =>
  url.hostname === 'localhost' || url.hostname.endsWith('.localhost')
    ? `${url.protocol}//${url.hostname}:*`
    : url.origin

/**
 * The page's one inline script, lib/theme/before-paint.mjs, allowed by the hash of its text:
 * statically generated pages cannot carry a per-request nonce. tests/e2e/security-headers.spec.ts
 * hashes every inline script in a served page and fails when one is not allowed here.
 */
const BEFORE_PAINT_SCRIPT_HASH = `'sha256-${createHash('sha256').update(BEFORE_PAINT_SCRIPT).digest('base64')}'`

/**
 * Content-Security-Policy, one directive per line. The exceptions, and why:
 * - script-src: the before-paint script above; 'unsafe-eval' only in development, where React's
 *   fast refresh needs it.
 * - style-src 'unsafe-inline': the theme sets its colours in an inline <style>, and mermaid and
 *   shiki style the SVG and code they render inline. Styles cannot run code.
 * - img-src data:: mermaid and the theme's icons use data: URLs.
 * - frame-src: the sandboxes' previews, from the bundler's origin only.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' ${BEFORE_PAINT_SCRIPT_HASH}${isProduction ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  `frame-src ${sourceFor(bundlerUrl)}`,
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  // why: the Fork buttons post the sandbox's files to CodeSandbox's define API.
  "form-action 'self' https://codesandbox.io",
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

/** Where Sandpack's bundler downloads npm packages: CodeSandbox's packager, then the CDNs. */
const NPM_HOSTS = [
  'https://prod-packager-packages.codesandbox.io',
  'https://aiwi8rnkp5.execute-api.eu-west-1.amazonaws.com',
  'https://data.jsdelivr.com',
  'https://cdn.jsdelivr.net',
  'https://unpkg.com',
]

/**
 * The bundler's own origin gets none of the site's policy: it evaluates the reader's code and
 * fetches npm packages, and must be framed by the site's pages (and only by them).
 */
const bundlerHeaders = [
  {
    key: 'Content-Security-Policy',
    value: [
      `frame-ancestors ${sourceFor(siteUrl)}`,
      // why: the bundler fetches npm packages from these hosts only. Anything else, such as
      // the bundler's usage reports to CodeSandbox, stays in the reader's browser.
      `connect-src 'self' ${NPM_HOSTS.join(' ')}`,
    ].join('; '),
  },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // why: the bundler runs whatever work its parent window posts. A page that opened it in a
  // popup could post code to it; with this header the popup gets a browsing context group of
  // its own, and the opener's handle to it is closed. The site frames it, which is unaffected.
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
]
const onBundlerHost = [{ type: 'host', value: BUNDLER_HOST_PATTERN }]

/**
 * Every spelling of a path that decodes to /sandpack or /sandpack/…, for a rewrite's source.
 * why: Next matches rewrites against the path as sent, but serves files from public/ by the
 * decoded path, so a rule for "/sandpack/:path*" alone lets "/%73andpack/index.html" and
 * "/sandpack%2Fversion.txt" through to public/sandpack/. Each character may be written as
 * itself or percent-encoded; Next matches sources without regard to case, which covers "%2F"
 * and "%2f" alike (and "/SANDPACK", which is not a file either).
 */
const anySpelling = (text) =>
  [...text].map((char) => `(?:${char}|%${char.charCodeAt(0).toString(16)})`).join('')
const BUNDLER_DIRECTORY_ANY_SPELLING = `/:bundlerPath(${anySpelling('sandpack')}(?:(?:/|%2f).*)?)`

/** The theme's one module and its style sheet, which the rules below adjust. */
const NEXTRA_THEME = /[\\/]nextra-theme-docs[\\/]dist[\\/]index\.js$/
/** next-themes, which the theme uses for dark mode: its builds for `import` and `require`. */
const NEXT_THEMES = /[\\/]next-themes[\\/]dist[\\/]index\.m?js$/
const NEXTRA_THEME_STYLES = /[\\/]nextra-theme-docs[\\/]dist[\\/]style\.css$/

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // why: the header only advertises the framework to scanners.
  poweredByHeader: false,
  // why: bundled on the server too, not loaded from node_modules at run time, so that the server
  // renders the same next-themes as the browser: lib/build/no-body-theme-scripts.cjs edits it.
  transpilePackages: ['next-themes'],
  webpack(config, { isServer, dev, webpack }) {
    // lib/build/compile-first-load-eagerly.mjs: the first load's scripts compile off the main thread.
    if (!isServer && !dev) config.plugins.push(new CompileFirstLoadEagerly(webpack))
    // lib/build/client-without-rewrites.mjs: no second render of the whole page after hydration.
    if (!isServer) dropRewritesFromClient(config)
    if (!isServer) {
      // lib/client/hydrate-in-transition.mjs: the page hydrates in slices, not one long task.
      const alias = config.resolve.alias
      alias['react-dom-client-original$'] =
        alias['react-dom/client$'] ?? createRequire(import.meta.url).resolve('react-dom/client')
      alias['react-dom/client$'] = fileURLToPath(
        new URL('./lib/client/hydrate-in-transition.mjs', import.meta.url),
      )
    }
    // `import code from './App.tsx?raw'`: a sandbox's files stay real, type-checked files, and
    // the page receives their text. `oneOf` keeps Next's own loaders (which match by file
    // extension) from compiling the file first.
    config.module.rules = [
      { oneOf: [{ resourceQuery: /raw/, type: 'asset/source' }, { rules: config.module.rules }] },
      {
        // lib/mdx/include-code-loader.mjs: `next dev` rebuilds a chapter when a file it includes changes.
        test: /\.mdx$/,
        enforce: 'pre',
        use: [fileURLToPath(new URL('./lib/mdx/include-code-loader.mjs', import.meta.url))],
      },
      {
        test: NEXTRA_THEME,
        enforce: 'pre',
        use: [fileURLToPath(new URL('./lib/build/expose-default-search.cjs', import.meta.url))],
      },
      {
        test: NEXTRA_THEME,
        enforce: 'pre',
        use: [fileURLToPath(new URL('./lib/build/last-updated-on-server.cjs', import.meta.url))],
      },
      {
        // lib/theme/before-paint.mjs sets the theme from <head> instead.
        test: [NEXT_THEMES, NEXTRA_THEME],
        enforce: 'pre',
        use: [fileURLToPath(new URL('./lib/build/no-body-theme-scripts.cjs', import.meta.url))],
      },
      {
        // Runs on the file as published, before Next's CSS loaders see it.
        test: NEXTRA_THEME_STYLES,
        enforce: 'pre',
        use: [fileURLToPath(new URL('./lib/build/dark-mode-by-class.cjs', import.meta.url))],
      },
    ]
    // components/image-without-zoom.tsx: images without react-medium-image-zoom and next/image.
    // Nextra imports the component by a relative path, which resolves to this file first.
    const nextraClient = join(
      dirname(createRequire(import.meta.url).resolve('nextra/package.json')),
      'dist',
      'client',
    )
    config.resolve.alias[join(nextraClient, 'components', 'image-zoom.js')] = fileURLToPath(
      new URL('./components/image-without-zoom.tsx', import.meta.url),
    )
    if (!isServer) {
      // lib/client/headless-ui-on-demand.tsx: the theme's Headless UI menus and combobox leave
      // the first load. Only the theme's own imports are redirected (a rule's `resolve` applies
      // to what the matched module imports); the on-demand module itself gets the real package.
      config.module.rules.push({
        test: NEXTRA_THEME,
        resolve: {
          alias: {
            '@headlessui/react$': fileURLToPath(
              new URL('./lib/client/headless-ui-on-demand.tsx', import.meta.url),
            ),
          },
        },
      })
    }
    return config
  },
  env: {
    NEXT_PUBLIC_SANDPACK_BUNDLER_URL: process.env.SANDPACK_BUNDLER_URL ?? '',
    // lib/repository-url.mjs: a malformed REPOSITORY_URL stops the build here.
    NEXT_PUBLIC_REPOSITORY_URL: parseRepositoryUrl(process.env.REPOSITORY_URL) ?? '',
  },
  async redirects() {
    // why: the guide has no page of its own; its address leads to its first chapter (not
    // permanent, so an index page can take the address later).
    return [
      {
        source: '/guide',
        missing: onBundlerHost,
        destination: '/guide/how-it-works',
        permanent: false,
      },
    ]
  },
  async headers() {
    return [
      { source: '/:path*', missing: onBundlerHost, headers: securityHeaders },
      { source: '/:path*', has: onBundlerHost, headers: bundlerHeaders },
      {
        // why: the bundler's scripts carry a content hash in their names.
        source: '/static/:path*',
        has: onBundlerHost,
        headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }],
      },
    ]
  },
  async rewrites() {
    return {
      beforeFiles: [
        // The bundler expects to be the root of its origin (its HTML loads /static/...). Its
        // page is addressed as /index.html (components/sandpack/bundler-url.ts); `/` on its
        // host is its page too, never the site's home page. (Rewrites here apply one after
        // another: `/` goes second, or the first would rewrite its destination again.)
        { source: '/:path+', has: onBundlerHost, destination: '/sandpack/:path+' },
        { source: '/', has: onBundlerHost, destination: '/sandpack/index.html' },
        // why: on the site's own origin the bundler would run posted code next to the site's
        // cookies; it exists only on its own host, however its path is spelled.
        { source: BUNDLER_DIRECTORY_ANY_SPELLING, missing: onBundlerHost, destination: '/404' },
      ],
    }
  },
}

export default withNextra(nextConfig)
