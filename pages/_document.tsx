import { Head, Html, Main, NextScript } from 'next/document'

/** The HTML shell: declares the language so screen readers pronounce the chapters correctly. */
export default function Document() {
  return (
    <Html lang="en" dir="ltr">
      <Head />
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  )
}
