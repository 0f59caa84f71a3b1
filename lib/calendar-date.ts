const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/**
 * A date as an English reader writes it, "November 27, 2026", on the calendar of UTC: what
 * `toLocaleDateString('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })`
 * says.
 *
 * why UTC: the server writes the date into the page's HTML and the browser writes it again when
 * the page hydrates; in the reader's own time zone the two could name different days, and React
 * would throw the server's markup away. why not Intl: the first `Intl.DateTimeFormat` a page
 * makes loads ICU's locale data. In Chromium on these machines that blocked the main thread for
 * 7–45 ms (unthrottled; Lighthouse's phone counts four times that) on every page, only to print
 * one date on a site written in English. The Date getters it uses instead cost well under a
 * millisecond.
 */
export function formatCalendarDate(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`
}
