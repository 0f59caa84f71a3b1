/**
 * `@headlessui/react` as nextra-theme-docs sees it in the browser bundle: the same components,
 * with their code fetched on demand instead of in every page's first load.
 *
 * why: the theme imports Headless UI's combobox (its search box), listbox (its theme and
 * language menus) and menu (navbar menus) at the top of its one module, so they and what they
 * bring (Floating UI, a list virtualiser) were about 54 kB of the ~88 kB gzipped `_app` chunk
 * that every page downloads, parses and runs before it responds. This site renders none of them
 * while a page loads: its theme switch is a native select, the theme's search box comes in
 * after the page is idle (components/search/deferred-search.tsx, which loads this first) and
 * neither language menus nor navbar menus are configured. next.config.mjs points the theme's
 * imports here; everything else that imports Headless UI gets the package itself.
 */
import type * as HeadlessUi from '@headlessui/react'
import type { ComponentType } from 'react'
import { use } from 'react'

type HeadlessUiModule = typeof HeadlessUi

/** A promise React's `use` reads at once when it is already settled, without suspending. */
type TrackedPromise<T> = Promise<T> & { status?: 'fulfilled'; value?: T }

let loading: TrackedPromise<HeadlessUiModule> | undefined

/** Fetches Headless UI's code once; call it before rendering the theme's search box. */
export function loadHeadlessUi(): Promise<HeadlessUiModule> {
  if (!loading) {
    const promise: TrackedPromise<HeadlessUiModule> = import('@headlessui/react')
    promise.then(
      (module) => Object.assign(promise, { status: 'fulfilled', value: module }),
      // A failed fetch (the reader went offline) is tried again on the next call.
      () => (loading = undefined),
    )
    loading = promise
  }
  return loading
}

/** Whether the components below can render without waiting for the network. */
export const isHeadlessUiLoaded = () => loading?.status === 'fulfilled'

/**
 * One of Headless UI's components. Rendered before its code arrived, it suspends until it has
 * (React's `use`); rendered after, it is the real component with the same props and ref.
 */
function onDemand<Name extends keyof HeadlessUiModule>(name: Name): HeadlessUiModule[Name] {
  function OnDemand(props: Record<string, unknown>) {
    const Real = use(loadHeadlessUi())[name] as ComponentType<Record<string, unknown>>
    return <Real {...props} />
  }
  OnDemand.displayName = `OnDemand(${name})`
  return OnDemand as unknown as HeadlessUiModule[Name]
}

// Exactly the names nextra-theme-docs 3.3 imports; the build fails if it asks for another.
export const Combobox = onDemand('Combobox')
export const ComboboxInput = onDemand('ComboboxInput')
export const ComboboxOption = onDemand('ComboboxOption')
export const ComboboxOptions = onDemand('ComboboxOptions')
export const Listbox = onDemand('Listbox')
export const ListboxButton = onDemand('ListboxButton')
export const ListboxOption = onDemand('ListboxOption')
export const ListboxOptions = onDemand('ListboxOptions')
export const Menu = onDemand('Menu')
export const MenuButton = onDemand('MenuButton')
export const MenuItem = onDemand('MenuItem')
export const MenuItems = onDemand('MenuItems')
