import type Database from 'better-sqlite3'

/** More distinct SQL texts than the backend has; past it, the oldest statement is dropped. */
const MAX_CACHED_STATEMENTS = 64

/**
 * Makes `client.prepare` hand back the statement it prepared earlier for the same SQL.
 * why: Kysely's SQLite driver and rate-limiter-flexible both prepare every query anew, and
 * compiling SQL took 0.3 of the 2.6 ms a log-in spent on the main thread. The backend runs a few
 * fixed SQL texts, so a small cache holds them all. A statement that is being iterated
 * (`busy`) is never handed out twice: the caller gets a fresh one instead.
 */
export function reusePreparedStatements(
  client: Database.Database,
  maxStatements = MAX_CACHED_STATEMENTS,
): void {
  const prepareAnew = client.prepare.bind(client)
  const statements = new Map<string, Database.Statement>()

  const prepare = (sql: string): Database.Statement => {
    const cached = statements.get(sql)
    if (cached && !cached.busy) return cached
    const statement = prepareAnew(sql)
    if (!cached) {
      const oldest = statements.keys().next()
      if (statements.size >= maxStatements && !oldest.done) statements.delete(oldest.value)
      statements.set(sql, statement)
    }
    return statement
  }
  client.prepare = prepare as Database.Database['prepare']
}
