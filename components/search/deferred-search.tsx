import cn from 'clsx'
import { DefaultSearch, useThemeConfig } from 'nextra-theme-docs'
import { startTransition, useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'

import { isHeadlessUiLoaded, loadHeadlessUi } from '@/lib/client/headless-ui-on-demand'

import styles from './deferred-search.module.css'

/**
 * The theme's search box, drawn first as a plain input of the same look and swapped for the real
 * one when the reader first shows an interest in the page: a tap, a click, a key, or the pointer
 * over the box. Its Headless UI code is not in the first load (lib/client/headless-ui-on-demand.tsx)
 * and is fetched then.
 * why: the real box is a Headless UI combobox anchored with Floating UI, whose ref sets state
 * while React commits the page. Rendered during hydration, that forced a synchronous re-render of
 * the layout in the hydration's last task, two boxes per page (navbar and phone menu). Fetched
 * when the page went idle instead, its code ran as one long task while the page was still
 * settling (Lighthouse counted 150–250 ms of blocking on a phone); a reader who never searches
 * now never pays for it, and one who does has it by the time their click or tap lands.
 */
export function DeferredSearch({ className }: { className?: string }) {
  const [live, setLive] = useState(false)
  const boxRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (live) return
    let unmounted = false
    const goLive = () =>
      loadHeadlessUi().then(
        () => {
          if (!unmounted) startTransition(() => setLive(true))
        },
        // Offline: the stand-in stays, and reaching for it tries again.
        () => {},
      )
    const options = { capture: true, once: true, passive: true }
    const box = boxRef.current
    for (const type of INTENTS) window.addEventListener(type, goLive, options)
    box?.addEventListener('pointerenter', goLive, options)
    return () => {
      unmounted = true
      for (const type of INTENTS) window.removeEventListener(type, goLive, options)
      box?.removeEventListener('pointerenter', goLive, options)
    }
  }, [live])

  const swapAndFocus = () => {
    flushSync(() => setLive(true))
    boxRef.current?.querySelector('input')?.focus()
  }
  // why: synchronously when the code is there, within the reader's tap or key press, so a phone
  // opens its keyboard. Before it arrives (the tap that started the fetch was on the box itself),
  // the caret moves over once it has: the stand-in keeps the focus until then.
  const reachFor = () => {
    if (isHeadlessUiLoaded()) swapAndFocus()
    else loadHeadlessUi().then(swapAndFocus, () => {})
  }
  useShortcutBeforeLive(!live, reachFor)

  return (
    <div ref={boxRef} className={styles.box}>
      {live ? (
        <DefaultSearch className={className} />
      ) : (
        <StandIn className={className} onFocus={reachFor} />
      )}
    </div>
  )
}

/** The markup and classes of the theme's search input, closed and empty, as its server HTML. */
function StandIn({ className, onFocus }: { className?: string; onFocus: () => void }) {
  const { placeholder } = useThemeConfig().search
  return (
    <div
      className={cn(
        '_not-prose _relative _flex _items-center',
        '_text-gray-900 dark:_text-gray-300',
        'contrast-more:_text-gray-800 contrast-more:dark:_text-gray-300',
        className,
      )}
    >
      <input
        spellCheck={false}
        className={cn(
          '_rounded-lg _px-3 _py-2 _transition-colors',
          '_w-full md:_w-64',
          '_text-base _leading-tight md:_text-sm',
          '_bg-black/[.05] dark:_bg-gray-50/10',
          'placeholder:_text-gray-500 dark:placeholder:_text-gray-400',
          'contrast-more:_border contrast-more:_border-current',
          '[&::-webkit-search-cancel-button]:_appearance-none',
        )}
        autoComplete="off"
        type="search"
        role="combobox"
        aria-expanded={false}
        aria-autocomplete="list"
        placeholder={typeof placeholder === 'string' ? placeholder : undefined}
        onFocus={onFocus}
        readOnly
      />
    </div>
  )
}

/** The theme's shortcuts to the search box, `/` and Ctrl/⌘ K, while the stand-in is shown. */
function useShortcutBeforeLive(active: boolean, reachFor: () => void) {
  useEffect(() => {
    if (!active) return
    const onKeyDown = (event: KeyboardEvent) => {
      const target = document.activeElement
      if (target instanceof HTMLElement && (target.isContentEditable || FIELDS.has(target.tagName)))
        return
      if (event.key === '/' || (event.key === 'k' && (event.metaKey || event.ctrlKey))) {
        event.preventDefault()
        reachFor()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [active, reachFor])
}

const FIELDS = new Set(['INPUT', 'SELECT', 'BUTTON', 'TEXTAREA'])

/** What a reader does before reaching for search: on a phone, the menu holding it is a tap away. */
const INTENTS = ['pointerdown', 'touchstart', 'keydown'] as const
