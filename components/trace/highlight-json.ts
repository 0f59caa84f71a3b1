import type { HighlighterCore } from 'shiki/core'

let highlighter: Promise<HighlighterCore> | undefined

/**
 * JSON to highlighted HTML with shiki's fine-grained core: one language, two themes and the
 * JavaScript regex engine, loaded the first time a reader opens a step's details. The full
 * shiki bundle (every language, a WASM engine) would be hundreds of kilobytes for this.
 */
export async function highlightJson(json: string): Promise<string> {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }] = await Promise.all([
      import('shiki/core'),
      import('shiki/engine/javascript'),
    ])
    return createHighlighterCore({
      themes: [
        import('shiki/themes/github-light-high-contrast.mjs'),
        import('shiki/themes/github-dark-high-contrast.mjs'),
      ],
      langs: [import('shiki/langs/json.mjs')],
      engine: createJavaScriptRegexEngine(),
    })
  })()
  return (await highlighter).codeToHtml(json, {
    lang: 'json',
    themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
  })
}
