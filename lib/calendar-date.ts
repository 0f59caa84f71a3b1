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
 * A date as an English reader writes it, "November 27, 2026", in the reader's own time zone:
 * what `toLocaleDateString('en-US', { day: 'numeric', month: 'long', year: 'numeric' })` says.
 *
 * why not Intl: the first `Intl.DateTimeFormat` a page makes loads ICU's locale data. In
 * Chromium on these machines that blocked the main thread for 7–45 ms (unthrottled; Lighthouse's
 * phone counts four times that) on every page, only to print one date on a site written in
 * English. The Date getters it uses instead cost well under a millisecond.
 */
export function formatCalendarDate(date: Date): string {
  return `${MONTHS[date.getMonth()]} ${date.getDate()}, ${date.getFullYear()}`
}
