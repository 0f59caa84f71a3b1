import { formatCalendarDate } from '@/lib/calendar-date'

/**
 * The "Last updated on" line under each chapter, from the page's last git commit. It replaces the
 * theme's own, which formats the date with Intl (see formatCalendarDate). The date is the
 * commit's day in UTC, so the server can write the line into the page and the browser agrees
 * when it hydrates (lib/build/last-updated-on-server.cjs lets the theme render it there).
 */
export function LastUpdated({ timestamp }: { timestamp: Date }) {
  return (
    <>
      Last updated on{' '}
      <time dateTime={timestamp.toISOString()}>{formatCalendarDate(timestamp)}</time>
    </>
  )
}
