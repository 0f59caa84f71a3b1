/**
 * `react-dom/client` for the browser bundle, with `hydrateRoot` run inside `startTransition`.
 *
 * Next's pages router hydrates the page with a plain `hydrateRoot` call, and React hydrates such
 * a root in one uninterrupted task: on a phone, the whole page's components in one block the
 * reader cannot scroll or tap through. Started inside a transition, the same hydration is split
 * into slices of a few milliseconds with the browser free in between, which is how Next's app
 * router hydrates. A tap during hydration is not lost: React hydrates what was tapped first and
 * replays the event. next.config.mjs points the client bundle's `react-dom/client` here.
 */
import { startTransition } from 'react'
// why: the real module, under a name the alias above does not catch.
import * as client from 'react-dom-client-original'

export const { createRoot, version } = client

/** @type {typeof import('react-dom/client').hydrateRoot} */
export function hydrateRoot(container, initialChildren, options) {
  /** @type {ReturnType<typeof client.hydrateRoot> | undefined} */
  let root
  startTransition(() => {
    root = client.hydrateRoot(container, initialChildren, options)
  })
  return /** @type {ReturnType<typeof client.hydrateRoot>} */ (root)
}

export default { createRoot, hydrateRoot, version }
