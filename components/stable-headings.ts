import { getComponents } from 'nextra-theme-docs'
import type { FC } from 'react'

/**
 * The theme's own h2–h6 components, made once for the whole site.
 * why: nextra-theme-docs 3.3 makes its heading components anew on every render of its layout
 * (`getComponents` → `createHeading`). The layout renders again right after hydration, React sees
 * a new component type for every heading, and throws each heading's DOM (and its table of
 * contents observer) away and builds it again: wasted work on the main thread while a reader's
 * phone is still busy with the page, and a heading a test or a script held on to is gone. The
 * theme config's `components` override the theme's, so these stable ones are rendered instead:
 * same markup, same table of contents tracking, no remount.
 */
const themeComponents = getComponents({ isRawLayout: false, components: {} })

function themeHeading(tag: 'h2' | 'h3' | 'h4' | 'h5' | 'h6'): FC {
  const heading = themeComponents[tag]
  if (typeof heading !== 'function') {
    throw new Error(
      `nextra-theme-docs no longer makes an ${tag} component: see components/stable-headings.ts`,
    )
  }
  return heading as FC
}

export const stableHeadings = {
  h2: themeHeading('h2'),
  h3: themeHeading('h3'),
  h4: themeHeading('h4'),
  h5: themeHeading('h5'),
  h6: themeHeading('h6'),
}
