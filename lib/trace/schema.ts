import type { Kysely, Migration } from 'kysely'
import { Migrator } from 'kysely'

/** One recorded step; `detail` is the redacted event as JSON. */
export interface TraceEventsTable {
  id: string
  reader_id: string
  request_id: string
  request_label: string
  request_started_at: number
  seq: number
  detail: string
  expires_at: number
}

export interface TraceSchema {
  trace_events: TraceEventsTable
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
