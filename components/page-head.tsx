import { useConfig } from 'nextra-theme-docs'

import { site } from '@/lib/site'

/**
 * The `<head>` of every page. Nextra's `head` option replaces the theme's default, so the
 * title and description each page declares in its front matter are rebuilt here.
 */
export function PageHead() {
  const { title, frontMatter } = useConfig()
  const pageTitle = title && title !== site.name ? `${title} – ${site.shortName}` : site.name
  const description =
    typeof frontMatter.description === 'string' ? frontMatter.description : site.description

  return (
    <>
      <title>{pageTitle}</title>
      <meta name="description" content={description} />
      <meta property="og:title" content={pageTitle} />
      <meta property="og:description" content={description} />
      <meta property="og:type" content="website" />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    </>
  )
}
