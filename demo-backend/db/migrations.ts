import type { Kysely, Migration, MigrationProvider } from 'kysely'
import { Migrator, sql } from 'kysely'

/** Tables of rate-limiter-flexible, created here so that the schema has one owner. */
export const RATE_LIMIT_TABLE = 'rate_limits'

/**
 * Migrations in order. Written with Kysely's schema builder so one definition serves SQLite
 * and PostgreSQL. Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-users-and-refresh-tokens': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('email', 'text', (column) => column.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('password_hash', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('expires_at', 'bigint')
        .execute()
      await db.schema.createIndex('users_expires_at').on('users').column('expires_at').execute()

      await db.schema
        .createTable('refresh_tokens')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('family_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) =>
          column.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('expires_at', 'bigint', (column) => column.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute()
      await db.schema
        .createIndex('refresh_tokens_family_id')
        .on('refresh_tokens')
        .column('family_id')
        .execute()

      // why: the columns rate-limiter-flexible expects (see its _getCreateTableStmt).
      await db.schema
        .createTable(RATE_LIMIT_TABLE)
        .addColumn('key', 'varchar(255)', (column) => column.primaryKey())
        .addColumn('points', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(RATE_LIMIT_TABLE).execute()
      await db.schema.dropTable('refresh_tokens').execute()
      await db.schema.dropTable('users').execute()
    },
  },
  '0002-user-roles': {
    async up(db: Kysely<unknown>) {
      // why: a constant default fills the rows that exist (the demo reader, earlier sign-ups)
      // in the same statement, on both databases; the check keeps a typo out of the column.
      await db.schema
        .alterTable('users')
        .addColumn('role', 'text', (column) =>
          column
            .notNull()
            .defaultTo('reader')
            .check(sql`role in ('reader', 'editor')`),
        )
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('users').dropColumn('role').execute()
    },
  },
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

/**
 * Brings the schema up to date. Safe to run from several instances at once: Kysely's
 * migrator takes a lock in the database before it applies anything.
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateToLatest()
  if (error) throw error
}

/** Used by tests to start from an empty database on a shared PostgreSQL. */
export async function dropAllTables<T>(db: Kysely<T>): Promise<void> {
  for (const table of [
    RATE_LIMIT_TABLE,
    'refresh_tokens',
    'users',
    'kysely_migration',
    'kysely_migration_lock',
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db)
  }
}
