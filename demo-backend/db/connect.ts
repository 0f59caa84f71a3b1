import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

import Database from 'better-sqlite3'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'

import type { DatabaseSchema } from './schema'
import { createSqliteAccess, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-driver'
import { reusePreparedStatements } from './statement-cache'

/**
 * PostgreSQL's limits on one statement. why: a statement that waits for a row lock held by
 * another connection keeps one of the pool's connections, and a few of them keep every other
 * request waiting for a connection. A lock wait ends after `lockMs`, any statement after
 * `statementMs` (both on the server); `queryMs` is the client's own limit, for a server that
 * stops answering altogether. Each ends in an error, answered as 503 `unavailable`.
 */
export const POSTGRES_TIMEOUTS = { lockMs: 1_000, statementMs: 5_000, queryMs: 6_000 } as const

/**
 * What rate-limiter-flexible needs to keep its counters in the same database, and `run`, which
 * every call to it goes through: on SQLite it shares the connection with Kysely's statements
 * (see `createSqliteAccess`).
 */
export type LimiterStore = (
  { kind: 'sqlite'; client: Database.Database } | { kind: 'postgres'; client: pg.Pool }
) & { run<T>(work: () => Promise<T>): Promise<T> }

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
  const access = createSqliteAccess(client)
  const db = new Kysely<Schema>({ dialect: access.dialect })
  return {
    db,
    limiterStore: { kind: 'sqlite', client, run: access.run },
    close: () => db.destroy(),
  }
}

function connectPostgres<Schema>(connectionString: string): DatabaseHandle<Schema> {
  const client = new pg.Pool({
    connectionString,
    max: 10,
    // why: fail fast when the server is down, so readers get a 503 instead of a hang.
    connectionTimeoutMillis: 2_000,
    lock_timeout: POSTGRES_TIMEOUTS.lockMs,
    statement_timeout: POSTGRES_TIMEOUTS.statementMs,
    query_timeout: POSTGRES_TIMEOUTS.queryMs,
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
  return {
    db,
    limiterStore: { kind: 'postgres', client, run: (work) => work() },
    close: () => db.destroy(),
  }
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
