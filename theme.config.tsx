import type { DocsThemeConfig } from 'nextra-theme-docs'

import { CodeBlock } from '@/components/code-block'
import { LastUpdated } from '@/components/last-updated'
import { Logo } from '@/components/logo'
import { NavbarSession } from '@/components/navbar-session'
import { PageHead } from '@/components/page-head'
import { ScrollableTable } from '@/components/scrollable-table'
import { DeferredSearch } from '@/components/search/deferred-search'
import { NavbarWithSkipLink } from '@/components/skip-link'
import { stableHeadings } from '@/components/stable-headings'
import { TableOfContents } from '@/components/table-of-contents'
import { ThemeSwitch } from '@/components/theme-switch'
import { repositoryOptions } from '@/lib/repository-links'
import { site } from '@/lib/site'
import { THEME_STORAGE_KEY } from '@/lib/theme/before-paint.mjs'

// why: nextra-theme-docs 3.3 sets next-themes' disableTransitionOnChange and spreads these
// options after it. That switch adds and removes a `* { transition: none }` stylesheet each time
// the theme is applied, twice on every page load after hydration: each time the browser restyles
// the whole document, which a long chapter pays in blocking time (README, Performance). Without
// it, toggling the theme lets the few colour transitions play instead. Not a literal in the
// config below because the theme's type lists only the keys it documents; at run time the
// object is passed through to next-themes unchanged.
const nextThemes = {
  defaultTheme: 'system',
  storageKey: THEME_STORAGE_KEY,
  disableTransitionOnChange: false,
}

const config: DocsThemeConfig = {
  logo: <Logo />,
  // The GitHub icon and "Edit this page", only when REPOSITORY_URL names the repository.
  ...repositoryOptions(site.repositoryUrl),
  gitTimestamp: LastUpdated,
  feedback: { content: null },
  head: PageHead,
  components: { ...stableHeadings, pre: CodeBlock, table: ScrollableTable },
  darkMode: true,
  themeSwitch: { component: ThemeSwitch },
  nextThemes,
  // why: the theme's default link colour fails WCAG AA contrast on the dark background.
  color: { hue: 243, saturation: 75, lightness: { light: 45, dark: 72 } },
  navbar: { component: NavbarWithSkipLink, extraContent: NavbarSession },
  search: { placeholder: 'Search the handbook…', component: DeferredSearch },
  sidebar: { defaultMenuCollapseLevel: 2, toggleButton: true },
  // components/table-of-contents: the theme's table of contents, marking the section in view
  // from where the headings are. (`backToTop: true` would be a button without a label.)
  toc: { backToTop: 'Scroll to top', component: TableOfContents },
  footer: {
    content: (
      <span>
        {site.name}. Written for next-auth 4.24. MIT licensed.
        {site.repositoryUrl && (
          <>
            {' '}
            <a href={site.repositoryUrl} style={{ textDecoration: 'underline' }}>
              Source
            </a>
          </>
        )}
      </span>
    ),
  },
}

export default config
