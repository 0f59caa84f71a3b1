/**
 * Tells the browser bundle that the site has no rewrites, which is true of every page it renders.
 *
 * why: the server's rewrites (next.config.mjs, and Nextra's `/_meta` → 404) only route requests
 * for Sandpack's bundler, on its own host, or answer 404. Next cannot tell that from the config,
 * so with any rewrite at all its client assumes a statically built page might have been reached
 * through one: right after hydration it replaces the route with itself to pick up rewrite
 * parameters, and React renders the whole page again, three times. On a long chapter that is
 * some 1,250 components per pass while a reader's phone is still busy loading the page
 * (tests/e2e/hydration.spec.ts counts them). With the flag off, the client skips that replace and
 * leaves Next's rewrite matcher out of its bundle; the server still applies every rewrite.
 */
const HAS_REWRITES = 'process.env.__NEXT_HAS_REWRITES'

/** @param {{ plugins: unknown[] }} config the client's webpack config, from next.config's `webpack` */
export function dropRewritesFromClient(config) {
  const definePlugin = config.plugins.find(
    (plugin) =>
      typeof plugin === 'object' &&
      plugin !== null &&
      'definitions' in plugin &&
      typeof plugin.definitions === 'object' &&
      plugin.definitions !== null &&
      HAS_REWRITES in plugin.definitions,
  )
  if (!definePlugin) {
    throw new Error(
      `Next no longer defines ${HAS_REWRITES} for the browser: see lib/build/client-without-rewrites.mjs`,
    )
  }
  definePlugin.definitions[HAS_REWRITES] = JSON.stringify(false)
}
