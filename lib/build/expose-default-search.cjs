/**
 * A webpack loader for nextra-theme-docs' bundle that exports the theme's own search box
 * (`Flexsearch`, the index loader, the input and the results) as `DefaultSearch`.
 *
 * why: the theme uses it by default but does not export it, and components/search/deferred-search.tsx
 * renders it a moment after the page has hydrated instead of during hydration. Failing the build
 * when the function is gone makes a theme upgrade say so here rather than lose the search box.
 */
module.exports = function exposeDefaultSearch(source) {
  if (!/\bfunction Flexsearch\(/.test(source)) {
    throw new Error(
      'nextra-theme-docs no longer defines Flexsearch; update lib/build/expose-default-search.cjs',
    )
  }
  return `${source}\nexport { Flexsearch as DefaultSearch };\n`
}
