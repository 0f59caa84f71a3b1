import type { ComponentProps } from 'react'

import { Navbar, SkipNavLink } from 'nextra-theme-docs'

/**
 * The theme's navbar with a "Skip to content" link in front of it: the first thing a keyboard
 * reaches on every page, hidden until it has focus. It leads past the navbar, the sidebar and the
 * table of contents to the theme's own mark before the chapter (`SkipNavContent`, which the
 * theme renders but never links to).
 * why here: the theme config's `navbar.component` is the one slot ahead of the navbar; the link
 * and its focus styles are the theme's own.
 */
export function NavbarWithSkipLink(props: ComponentProps<typeof Navbar>) {
  return (
    <>
      <SkipNavLink styled />
      <Navbar {...props} />
    </>
  )
}
