import type { FC, ReactNode } from 'react'
import { useEffect, useRef } from 'react'

import { useThemeConfig } from 'nextra-theme-docs'
import { ArrowRightIcon } from 'nextra/icons'
import { removeLinks } from 'nextra/remove-links'

import { useActiveHeading } from './use-active-heading'

/**
 * The table of contents beside a chapter, in place of the docs theme's (theme config
 * `toc.component`): the same markup and classes (nextra-theme-docs 3.3, src/components/toc.tsx),
 * with the section in view worked out from where the headings are (use-active-heading.ts),
 * because the theme's observer kept marking a section the reader had jumped away from.
 * The theme's `toc` options still apply: title, back-to-top and extra content, and the
 * edit link. (The feedback link is left out: theme.config.tsx turns it off.)
 */

type TableOfContentsProps = {
  toc: { depth: number; value: string; id: string }[]
  filePath: string
}

const DEPTH_CLASS: Record<number, string> = {
  2: '_font-semibold',
  3: '_ms-4',
  4: '_ms-8',
  5: '_ms-12',
  6: '_ms-16',
}

const LINK_CLASS =
  '_text-xs _font-medium _text-gray-600 dark:_text-gray-400 hover:_text-gray-800 dark:hover:_text-gray-200 contrast-more:_text-gray-700 contrast-more:dark:_text-gray-100'

export function TableOfContents({ toc, filePath }: TableOfContentsProps) {
  const themeConfig = useThemeConfig()
  const listRef = useRef<HTMLUListElement>(null)
  const activeId = useActiveHeading(toc.map(({ id }) => id))
  const activeIndex = toc.findIndex(({ id }) => id === activeId)
  const hasHeadings = toc.length > 0
  const EditLink = themeConfig.editLink.component

  // Keeps the marked entry in sight when the list is longer than the screen, without moving
  // the page: only the list scrolls.
  useEffect(() => {
    const list = listRef.current
    const link = activeId && list?.querySelector(`a[href="#${CSS.escape(activeId)}"]`)
    if (!list || !link) return
    const offset = link.getBoundingClientRect().top - list.getBoundingClientRect().top
    if (offset < 0 || offset + link.clientHeight > list.clientHeight) {
      list.scrollTop += offset - list.clientHeight / 2
    }
  }, [activeId])

  return (
    <div
      className={`${hasHeadings ? '_grid _grid-rows-[min-content_1fr_min-content]' : ''} _sticky _top-[--nextra-navbar-height] _pt-6 _text-sm _max-h-[calc(100vh-var(--nextra-navbar-height))]`}
    >
      {hasHeadings && (
        <>
          <p className="_mx-4 _font-semibold _tracking-tight _pb-2 _shadow-[0_12px_16px_rgb(var(--nextra-bg))] contrast-more:_shadow-none _z-[1]">
            {render(themeConfig.toc.title)}
          </p>
          <ul
            ref={listRef}
            className="_px-4 nextra-scrollbar _overscroll-y-contain _overflow-y-auto _hyphens-auto _py-1.5"
          >
            {toc.map(({ id, value, depth }) => (
              <li key={id} className="_my-2 _scroll-my-6 _scroll-py-6">
                <a
                  href={`#${id}`}
                  aria-current={id === activeId ? 'location' : undefined}
                  className={`nextra-focus ${DEPTH_CLASS[depth] ?? ''} _block _transition-colors _subpixel-antialiased ${
                    id === activeId
                      ? '_text-primary-600 contrast-more:!_text-primary-600'
                      : '_text-gray-500 hover:_text-gray-900 dark:_text-gray-400 dark:hover:_text-gray-300'
                  } contrast-more:_text-gray-900 contrast-more:_underline contrast-more:dark:_text-gray-50 _break-words`}
                >
                  {removeLinks(value as Parameters<typeof removeLinks>[0])}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <div
        className={`${hasHeadings ? 'nextra-toc-footer _pt-4' : ''} _flex _flex-col _items-start _gap-2 _pb-4 _mx-4`}
      >
        {EditLink && (
          <EditLink filePath={filePath} className={LINK_CLASS}>
            {render(themeConfig.editLink.content)}
          </EditLink>
        )}
        {render(themeConfig.toc.extraContent)}
        {themeConfig.toc.backToTop && (
          <BackToTop hidden={activeIndex < 2}>{render(themeConfig.toc.backToTop)}</BackToTop>
        )}
      </div>
    </div>
  )
}

function BackToTop({ hidden, children }: { hidden: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-hidden={hidden ? 'true' : undefined}
      disabled={hidden}
      onClick={() => window.scrollTo({ top: 0, behavior: 'smooth' })}
      className={`_flex _items-center _gap-1.5 _whitespace-nowrap ${hidden ? '_opacity-0' : '_opacity-100'} ${LINK_CLASS}`}
    >
      {children}
      <ArrowRightIcon height="16" className="_-rotate-90 _border _rounded-full _border-current" />
    </button>
  )
}

/** The theme's options are a node or a component, as its own `renderComponent` takes them. */
function render(option: ReactNode | FC): ReactNode {
  if (typeof option !== 'function') return option
  const Component = option
  return <Component />
}
