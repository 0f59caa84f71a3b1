/**
 * How the chapters' MDX is compiled, beyond Nextra's defaults. next.config.mjs hands these to
 * Nextra; tests/unit/static-code-html.test.ts compiles the chapters with the very same options.
 */
import recmaCodeBlockHeight from './code-block-height.mjs'
import remarkIncludeCode from './include-code.mjs'
import remarkPrerenderedMermaid from './mermaid-diagrams.mjs'
import remarkSourceLinks from './source-links.mjs'
import recmaStaticCodeHtml from './static-code-html.mjs'

/** @type {import('nextra').NextraConfig['mdxOptions']} */
export const mdxOptions = {
  remarkPlugins: [
    // why: first, so that every later plugin (and Nextra's highlighter) sees an included block
    // with its code and file name, as if it had been typed in the MDX.
    remarkIncludeCode,
    // why: the chapters' diagrams are drawn ahead of time (mermaid-diagrams.mjs); this runs before
    // Nextra's own mermaid plugin, which would draw them in the reader's browser.
    remarkPrerenderedMermaid,
    // why: `source:` links point into this repository only when REPOSITORY_URL says where it is.
    remarkSourceLinks,
  ],
  // why: code blocks reach the browser as static HTML, not a React element per token, and
  // carry their line count so the browser can leave them undrawn until the reader is near.
  recmaPlugins: [recmaCodeBlockHeight, recmaStaticCodeHtml],
  rehypePrettyCodeOptions: {
    // why: the plain GitHub themes fail WCAG AA contrast for several token colours.
    theme: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
  },
}
