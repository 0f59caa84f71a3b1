import { describe, expect, it } from 'vitest'

import { formatCalendarDate } from '@/lib/calendar-date'

describe('formatCalendarDate', () => {
  it('writes a date as English readers do, on the calendar of UTC', () => {
    expect(formatCalendarDate(new Date(Date.UTC(2026, 10, 27, 12)))).toBe('November 27, 2026')
    expect(formatCalendarDate(new Date(Date.UTC(2025, 0, 1, 0, 0)))).toBe('January 1, 2025')
    // Late on New Year's Eve in UTC is already the new year further east: UTC's day is written.
    expect(formatCalendarDate(new Date('2025-12-31T23:30:00Z'))).toBe('December 31, 2025')
  })

  it('says what Intl says in US English and UTC, at both ends of every day of a leap year', () => {
    const intl = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } as const
    for (let day = 0; day < 366; day++) {
      for (const [hour, minute] of [
        [0, 0],
        [23, 59],
      ]) {
        const date = new Date(Date.UTC(2024, 0, 1 + day, hour, minute))
        expect(formatCalendarDate(date)).toBe(date.toLocaleDateString('en-US', intl))
      }
    }
  })
})
