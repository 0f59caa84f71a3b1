import { formatCalendarDate } from '@/lib/calendar-date'

/**
 * The "Last updated on" line under each chapter, from the page's last git commit. It replaces the
 * theme's own, which formats the date with Intl (see formatCalendarDate). The theme renders it
 * only after hydration, in the reader's time zone.
 */
export function LastUpdated({ timestamp }: { timestamp: Date }) {
  return (
    <>
      Last updated on{' '}
      <time dateTime={timestamp.toISOString()}>{formatCalendarDate(timestamp)}</time>
    </>
  )
}
