import type { ReactElement } from 'react'

// lib/build/expose-default-search.cjs adds this export to the theme's bundle at build time.
declare module 'nextra-theme-docs' {
  export function DefaultSearch(props: { className?: string }): ReactElement
}
