import { Head, Html, Main, NextScript } from 'next/document'

import { BEFORE_PAINT_SCRIPT } from '@/lib/theme/before-paint.mjs'

/**
 * The HTML shell: declares the language so screen readers pronounce the chapters correctly, and
 * the direction, which the docs theme would otherwise set with a script. The before-paint script
 * (the theme, and whether blocks may be drawn late) comes first in <head>, ahead of the style
 * sheet Next adds, so the browser runs it without waiting for the CSS and goes on reading the
 * page (lib/theme/before-paint.mjs).
 */
export default function Document() {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <script dangerouslySetInnerHTML={{ __html: BEFORE_PAINT_SCRIPT }} />
      </Head>
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  )
}
