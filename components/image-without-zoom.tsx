import type { ComponentProps } from 'react'

/**
 * What the chapters' images render as, in place of nextra's `ImageZoom` (next.config.mjs points
 * nextra's own import of it here, on the server and in the browser alike).
 *
 * why: the theme wrapped every image in react-medium-image-zoom, and next/image came with it:
 * 9.9 kB of gzipped JavaScript in every page's first load, although the only images are the
 * diagrams. On a page with diagrams each of them (twice: one image per colour theme) measured
 * itself with `offsetWidth` and friends as it mounted, a synchronous layout of the page while
 * it was still loading, and its invisible zoom button once landed a page away (CLS 0.20, see
 * components/global.css). A diagram already fills the column it is in, and a phone zooms an
 * image with two fingers; the browser's own image needs none of it.
 */
export function ImageZoom(props: ComponentProps<'img'>) {
  // eslint-disable-next-line @next/next/no-img-element -- the sizes are set by lib/mdx/mermaid-diagrams.mjs
  return <img {...props} />
}
