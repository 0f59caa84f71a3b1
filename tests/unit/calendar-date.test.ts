import { describe, expect, it } from 'vitest'

import { formatCalendarDate } from '@/lib/calendar-date'

describe('formatCalendarDate', () => {
  it('writes a date as English readers do', () => {
    expect(formatCalendarDate(new Date(2026, 10, 27, 12))).toBe('November 27, 2026')
    expect(formatCalendarDate(new Date(2025, 0, 1, 0, 0))).toBe('January 1, 2025')
  })

  it('says what Intl says in US English, on every day of a leap year', () => {
    const intl = { day: 'numeric', month: 'long', year: 'numeric' } as const
    for (let day = 0; day < 366; day++) {
      const date = new Date(2024, 0, 1 + day, 23, 59)
      expect(formatCalendarDate(date)).toBe(date.toLocaleDateString('en-US', intl))
    }
  })
})
