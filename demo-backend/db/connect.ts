import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

import Database from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'

import type { DatabaseSchema } from './schema'
import { reusePreparedStatements } from './statement-cache'

/** How long SQLite waits for a lock before it gives up with SQLITE_BUSY (answered as 503). */
export const SQLITE_BUSY_TIMEOUT_MS = 2_000

/** What rate-limiter-flexible needs to keep its counters in the same database. */
export type LimiterStore =
  { kind: 'sqlite'; client: Database.Database } | { kind: 'postgres'; client: pg.Pool }

export type DatabaseHandle<Schema = DatabaseSchema> = {
  db: Kysely<Schema>
  limiterStore: LimiterStore
  close(): Promise<void>
}

const PG_INT8 = 20

function connectSqlite<Schema>(file: string): DatabaseHandle<Schema> {
  mkdirSync(dirname(file), { recursive: true })
  const client = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS })
  // why: WAL lets readers go on while one writer writes; foreign keys are off by default.
  client.pragma('journal_mode = WAL')
  client.pragma('synchronous = NORMAL')
  client.pragma('foreign_keys = ON')
  reusePreparedStatements(client)
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: client }) })
  return { db, limiterStore: { kind: 'sqlite', client }, close: () => db.destroy() }
}

function connectPostgres<Schema>(connectionString: string): DatabaseHandle<Schema> {
  const client = new pg.Pool({
    connectionString,
    max: 10,
    // why: fail fast when the server is down, so readers get a 503 instead of a hang.
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 10_000,
    // why: timestamps are bigint; pg returns those as strings unless told otherwise.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8 ? Number : pg.types.getTypeParser(oid, format),
    } as pg.CustomTypesConfig,
  })
  // why: a server restart kills idle connections; without a listener that error crashes
  // the process. The pool replaces the connection on the next query.
  client.on('error', (error) =>
    console.error(`[backend] idle database connection lost: ${error.message}`),
  )
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: client }) })
  return { db, limiterStore: { kind: 'postgres', client }, close: () => db.destroy() }
}

/** Opens the database a `DATABASE_URL` names: `file:<path>` (SQLite) or `postgres://…`. */
export function connectDatabase<Schema = DatabaseSchema>(
  databaseUrl: string,
): DatabaseHandle<Schema> {
  if (databaseUrl.startsWith('file:'))
    return connectSqlite<Schema>(databaseUrl.slice('file:'.length))
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return connectPostgres<Schema>(databaseUrl)
  throw new Error('DATABASE_URL must start with file: or postgres://')
}
