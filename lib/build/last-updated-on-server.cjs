/**
 * A webpack loader for nextra-theme-docs' bundle that renders the "Last updated on" line on the
 * server too, instead of only once the page has hydrated.
 *
 * why: the theme leaves an empty 4rem spacer in its place until React has mounted, because its
 * own date format depends on the reader's time zone. The real line is 34 px taller, so on every
 * page whose footer is on screen the footer jumped after hydration (a layout shift the baseline
 * page of `npm run bench:pages` showed too), and every page did one more render. The site's
 * formatter (components/last-updated.tsx, lib/calendar-date.ts) writes the same words on the
 * server and in any browser, so the line can be part of the first paint. Failing the build when
 * the condition is gone makes a theme upgrade say so here.
 */
const MOUNTED_ONLY = 'mounted && date ?'
const ALWAYS = 'date ?'

module.exports = function lastUpdatedOnServer(source) {
  if (!source.includes(MOUNTED_ONLY)) {
    throw new Error(
      `nextra-theme-docs no longer contains "${MOUNTED_ONLY}"; ` +
        'update or remove lib/build/last-updated-on-server.cjs',
    )
  }
  return source.replace(MOUNTED_ONLY, ALWAYS)
}
