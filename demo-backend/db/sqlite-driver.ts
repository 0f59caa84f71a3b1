import { setTimeout as sleep } from 'node:timers/promises'

import type Database from 'better-sqlite3'
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely'
import { CompiledQuery as Compiled, SqliteDialect } from 'kysely'

/**
 * How long a statement keeps trying while another process holds the database's write lock,
 * before it gives up (answered as 503 `unavailable`).
 */
export const SQLITE_LOCK_WAIT_MS = 2_000

/**
 * SQLite's own busy timeout. why: SQLite waits for a lock by sleeping inside the call, and
 * better-sqlite3 calls it on the main thread, so every millisecond waited there is a
 * millisecond in which no other request is served. Here SQLite does not wait at all:
 * `retryWhileBusy` waits between attempts on timers, while the event loop serves the rest.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 0

const FIRST_RETRY_MS = 5
const LONGEST_RETRY_MS = 100

/** True when SQLite refused because another connection holds a lock it needs. */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

/**
 * Runs `operation` until it no longer fails with SQLITE_BUSY, waiting a little longer between
 * attempts each time (with jitter, so that waiting requests do not retry in step), for at most
 * `budgetMs`. Then the last error is thrown.
 */
export async function retryWhileBusy<T>(
  operation: () => Promise<T>,
  budgetMs = SQLITE_LOCK_WAIT_MS,
): Promise<T> {
  const deadline = performance.now() + budgetMs
  for (let wait = FIRST_RETRY_MS; ; wait = Math.min(wait * 2, LONGEST_RETRY_MS)) {
    try {
      return await operation()
    } catch (error) {
      const pause = wait / 2 + Math.random() * wait
      if (!isSqliteBusy(error) || performance.now() + pause > deadline) throw error
      await sleep(pause)
    }
  }
}

/** A first-come, first-served lock: `lock()` resolves to the function that releases it. */
function createMutex() {
  let last: Promise<void> = Promise.resolve()
  return {
    lock(): Promise<() => void> {
      let release = () => {}
      const released = new Promise<void>((resolve) => (release = resolve))
      const acquired = last.then(() => release)
      last = acquired.then(() => released)
      return acquired
    },
  }
}

function execute(client: Database.Database, query: CompiledQuery): QueryResult<unknown> {
  const statement = client.prepare(query.sql)
  const parameters = query.parameters as unknown[]
  if (statement.reader) return { rows: statement.all(parameters) }
  const { changes, lastInsertRowid } = statement.run(parameters)
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
}

/**
 * The one connection to a SQLite file, shared by Kysely and rate-limiter-flexible.
 *
 * Kysely's own SQLite driver holds its connection from `begin` to `commit` and lets everything
 * else wait; here a transaction starts with `BEGIN IMMEDIATE`, which takes the write lock at
 * once or fails at once. When it fails, nothing is held while the transaction waits to try
 * again, so reads (which never wait for a writer in WAL mode) go on being served.
 */
export type SqliteAccess = {
  /** Runs `work` on the connection, between transactions, retrying while the file is locked. */
  run<T>(work: () => T | Promise<T>): Promise<T>
  dialect: SqliteDialect
}

/** The Kysely dialect and the `run` for rate-limiter-flexible, over one better-sqlite3 client. */
export function createSqliteAccess(client: Database.Database): SqliteAccess {
  const mutex = createMutex()

  const run = <T>(work: () => T | Promise<T>): Promise<T> =>
    retryWhileBusy(async () => {
      const release = await mutex.lock()
      try {
        return await work()
      } finally {
        release()
      }
    })

  class Connection implements DatabaseConnection {
    /** Set from `begin` to `commit` or `rollback`: the transaction's hold on the mutex. */
    endTransaction: (() => void) | undefined

    executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      // why: inside a transaction this connection already holds the mutex (and the lock).
      if (this.endTransaction) return Promise.resolve(execute(client, query) as QueryResult<R>)
      return run(() => execute(client, query) as QueryResult<R>)
    }

    // why: Kysely's interface asks for streaming; the backend never streams, so rows come at once.
    async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
      const { rows } = await this.executeQuery<R>(query)
      for (const row of rows) yield { rows: [row] }
    }
  }

  const finish = async (connection: DatabaseConnection, sql: 'commit' | 'rollback') => {
    const held = connection as Connection
    try {
      execute(client, Compiled.raw(sql))
    } finally {
      // why: a failed commit is followed by Kysely's rollback, which must still find the hold.
      if (sql === 'rollback' || !client.inTransaction) {
        held.endTransaction?.()
        held.endTransaction = undefined
      }
    }
  }

  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => new Connection(),
    releaseConnection: async () => {},
    async beginTransaction(connection) {
      const held = connection as Connection
      held.endTransaction = await retryWhileBusy(async () => {
        const release = await mutex.lock()
        try {
          execute(client, Compiled.raw('begin immediate'))
          return release
        } catch (error) {
          release()
          throw error
        }
      })
    },
    commitTransaction: (connection) => finish(connection, 'commit'),
    rollbackTransaction: (connection) => finish(connection, 'rollback'),
    destroy: async () => void client.close(),
  }

  class LockAwareSqliteDialect extends SqliteDialect {
    override createDriver(): Driver {
      return driver
    }
  }

  return { run, dialect: new LockAwareSqliteDialect({ database: client }) }
}
