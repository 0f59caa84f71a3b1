/**
 * A webpack loader that takes the docs theme's two inline scripts out of the page's <body>:
 * next-themes' theme switch and Nextra's `dir` setter.
 *
 * why: each sat at the top of <body>, after the style sheet, and a browser does not run an
 * inline script until the style sheets above it have loaded: it stopped parsing the page there
 * and painted an empty frame before reading the chapter. lib/theme/before-paint.mjs now sets the
 * theme from <head>, ahead of the style sheet, and pages/_document.tsx writes `dir` on <html>.
 * The loader runs on the server's and the browser's bundles alike, so hydration sees the same
 * tree. It fails the build when an upgrade changes a script, rather than leave it in the body.
 */
const SCRIPTS = [
  {
    file: /[\\/]next-themes[\\/]dist[\\/]index\.m?js$/,
    what: "next-themes' inline theme script",
    // The one <script> next-themes renders: `createElement("script", {...})`.
    element:
      /\b\w+\.createElement\("script",\{[^{}]*dangerouslySetInnerHTML:\{__html:`[^`]*`\}\}\)/g,
  },
  {
    file: /[\\/]nextra-theme-docs[\\/]dist[\\/]index\.js$/,
    what: "Nextra's inline dir script",
    element:
      /\/\* @__PURE__ \*\/ jsx\d*\(\s*"script",\s*\{\s*dangerouslySetInnerHTML:\s*\{\s*__html: `document\.documentElement\.setAttribute\('dir','\$\{dir\}'\)`\s*\}\s*\}\s*\)/g,
  },
]

module.exports = function noBodyThemeScripts(source) {
  const script = SCRIPTS.find(({ file }) => file.test(this.resourcePath))
  if (!script) return source
  const found = source.match(script.element) ?? []
  if (found.length !== 1) {
    throw new Error(
      `expected ${script.what} once in ${this.resourcePath}, found it ${found.length} times; update lib/build/no-body-theme-scripts.cjs`,
    )
  }
  return source.replace(script.element, 'null')
}
