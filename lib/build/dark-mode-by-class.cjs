/**
 * A webpack loader for nextra-theme-docs' style sheet that writes its dark-mode condition,
 * `html[class~=dark]`, as `html.dark`: the same elements match, with the same specificity.
 *
 * why: once React has started, next-themes applies the theme again (it removes the theme
 * classes from <html> and adds the current one back), even when nothing changed. Chromium reads
 * a selector on <html>'s class *attribute* followed by ` *` (`:is(html[class~=dark] *)`, one per
 * `dark:` utility) as "every element below may have changed" whenever that attribute is
 * touched, so the no-op restyled the whole document in the last task of hydration: 650 elements
 * on the longest chapter. A class selector is only invalidated when that very class comes or goes.
 * Failing the build when the selector is gone makes a theme upgrade say so here.
 */
const BY_ATTRIBUTE = 'html[class~=dark]'
const BY_CLASS = 'html.dark'

module.exports = function darkModeByClass(source) {
  if (!source.includes(BY_ATTRIBUTE)) {
    throw new Error(
      `nextra-theme-docs' style sheet no longer contains ${BY_ATTRIBUTE}; ` +
        'update or remove lib/build/dark-mode-by-class.cjs',
    )
  }
  return source.replaceAll(BY_ATTRIBUTE, BY_CLASS)
}
