import type { Kysely, Migration } from 'kysely'
import { Migrator, sql } from 'kysely'

/** One recorded step; `detail` is the redacted event as JSON, `bytes` its size in UTF-8. */
export interface TraceEventsTable {
  id: string
  reader_id: string
  request_id: string
  request_label: string
  request_started_at: number
  seq: number
  detail: string
  bytes: number
  expires_at: number
}

/**
 * One row (id 1): how many rows trace_events holds and the sum of their `bytes`, kept by the
 * store in the same transaction as each write, so that the limits in all cost no table scan.
 */
export interface TraceUsageTable {
  id: number
  row_count: number
  byte_count: number
}

export interface TraceSchema {
  trace_events: TraceEventsTable
  trace_usage: TraceUsageTable
}

const migrations: Record<string, Migration> = {
  '0001-trace-events': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('trace_events')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('reader_id', 'text', (column) => column.notNull())
        .addColumn('request_id', 'text', (column) => column.notNull())
        .addColumn('request_label', 'text', (column) => column.notNull())
        .addColumn('request_started_at', 'bigint', (column) => column.notNull())
        .addColumn('seq', 'integer', (column) => column.notNull())
        .addColumn('detail', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'bigint', (column) => column.notNull())
        .execute()
      await db.schema
        .createIndex('trace_events_reader')
        .on('trace_events')
        .columns(['reader_id', 'request_started_at'])
        .execute()
      await db.schema
        .createIndex('trace_events_expires_at')
        .on('trace_events')
        .column('expires_at')
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('trace_events').execute()
    },
  },
  '0002-trace-limits': {
    // why: the store caps traces by their size, per reader and in all (lib/trace/store.ts).
    // Rows written before had no limit at all (one made-up reader could hold 86 MB) and no
    // size; traces live an hour, so they are dropped rather than measured.
    async up(db: Kysely<unknown>) {
      await sql`delete from trace_events`.execute(db)
      await db.schema
        .alterTable('trace_events')
        .addColumn('bytes', 'integer', (column) => column.notNull().defaultTo(0))
        .execute()
      // Eviction deletes whole requests, by their id.
      await db.schema
        .createIndex('trace_events_request')
        .on('trace_events')
        .column('request_id')
        .execute()
      await db.schema
        .createTable('trace_usage')
        .addColumn('id', 'integer', (column) => column.primaryKey())
        .addColumn('row_count', 'bigint', (column) => column.notNull())
        .addColumn('byte_count', 'bigint', (column) => column.notNull())
        .execute()
      await sql`insert into trace_usage (id, row_count, byte_count) values (1, 0, 0)`.execute(db)
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('trace_usage').execute()
      await db.schema.dropIndex('trace_events_request').execute()
      await db.schema.alterTable('trace_events').dropColumn('bytes').execute()
    },
  },
}

/**
 * The site's own tables, migrated separately from the demo backend's (their own migration
 * table), because a site pointed at another backend still keeps its traces here.
 */
export async function migrateTraceTables<T>(db: Kysely<T>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'site_migration',
    migrationLockTableName: 'site_migration_lock',
  })
  const { error } = await migrator.migrateToLatest()
  if (error) throw error
}
