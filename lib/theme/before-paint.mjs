/**
 * The script that puts the reader's theme on <html> before the page is first painted, so a dark
 * page never flashes light. `pages/_document.tsx` writes it into <head>, ahead of the style
 * sheet; next.config.mjs allows it in the Content-Security-Policy by the hash of this text.
 *
 * why here and not where the docs theme puts it: next-themes and Nextra write their inline
 * scripts at the top of <body>, after the style sheet. A browser must not run an inline script
 * while a style sheet above it is still loading, so it stopped parsing the page there until the
 * CSS arrived, painted an empty frame, and only then read the chapter. Ahead of the style sheet,
 * the script runs at once and the whole chapter is parsed while the CSS downloads
 * (lib/build/no-body-theme-scripts.cjs takes the body copies out).
 *
 * It does what next-themes' own script does with the options in theme.config.tsx: the stored
 * choice, or the system's preference when there is none or it is "system", becomes the class on
 * <html> and its color-scheme. next-themes takes over after hydration.
 *
 * It also decides whether the chapter's blocks below the first screen may wait to be drawn
 * (DEFER_BLOCKS_ATTRIBUTE, components/global.css, lib/client/deferred-blocks.ts). They may on a
 * fresh visit to the top of a page. Not when the address names a place in the page, nor on a
 * reload or a step back or forward, where the browser scrolls to where the reader was: both
 * positions must come from the real heights of everything above them, not from stand-ins.
 */

/** The localStorage key of the reader's choice, shared with next-themes (theme.config.tsx). */
export const THEME_STORAGE_KEY = 'theme'

/** Set on <html> while the blocks below the first screen may stand in for themselves. */
export const DEFER_BLOCKS_ATTRIBUTE = 'data-defer-blocks'

export const BEFORE_PAINT_SCRIPT = `(() => {
  const root = document.documentElement
  let theme = 'system'
  try {
    theme = localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)}) || 'system'
  } catch {}
  if (theme !== 'light' && theme !== 'dark') {
    theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
  }
  root.classList.remove('light', 'dark')
  root.classList.add(theme)
  root.style.colorScheme = theme
  const visit = performance.getEntriesByType('navigation')[0]
  if (!location.hash && (!visit || visit.type === 'navigate')) {
    root.setAttribute(${JSON.stringify(DEFER_BLOCKS_ATTRIBUTE)}, '')
  }
})()`
