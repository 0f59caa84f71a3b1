import { Table } from 'nextra/components'
import type { ComponentProps } from 'react'

/**
 * The theme's table, focusable. why: a wide table scrolls sideways on a phone, and a keyboard
 * user can only scroll a region that can take focus (axe: scrollable-region-focusable).
 */
export function ScrollableTable({ className, ...props }: ComponentProps<'table'>) {
  return (
    <Table
      tabIndex={0}
      // The theme's own classes for tables, kept so the styling does not change.
      className={`nextra-scrollbar [&:not(:first-child)]:_mt-6 _p-0 ${className ?? ''}`}
      {...props}
    />
  )
}
