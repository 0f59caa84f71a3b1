import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import pg from 'pg'

/** Every database the backend supports; backend suites run once per kind with `describe.each`. */
export const DATABASE_KINDS = ['sqlite', 'postgres'] as const

export type DatabaseKind = (typeof DATABASE_KINDS)[number]

/** The PostgreSQL server on which the tests create (and drop) their own databases. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** A database that belongs to one test alone: its `DATABASE_URL`, and how to get rid of it. */
export type TestDatabase = {
  kind: DatabaseKind
  url: string
  drop(): Promise<void>
}

function withoutPassword(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 5_000,
  })
  try {
    await client.connect()
  } catch (error) {
    // why: a missing server must fail the run loudly; skipping would pass without testing
    // half of what the backend promises.
    const reason = (error as { code?: string }).code ?? String(error)
    throw new Error(
      `The backend tests need PostgreSQL at ${withoutPassword(POSTGRES_ADMIN_URL)}, which did ` +
        `not answer (${reason}). Start it (e.g. pg_ctlcluster 15 main start) or set ` +
        'TEST_DATABASE_URL to a server where the tests may create databases.',
      { cause: error },
    )
  }
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * why: pg's `pool.end()` resolves before its sockets have closed; terminating those sessions
 * at once makes the closing pool report a lost connection. Give them a moment to leave.
 */
async function waitForSessionsToLeave(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { rows } = await client.query<{ sessions: number }>(
      'select count(*)::int as sessions from pg_stat_activity where datname = $1',
      [name],
    )
    if (rows[0]?.sessions === 0) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `handbook_test_${randomBytes(6).toString('hex')}`
  await withAdminClient((client) => client.query(`create database "${name}"`))
  const url = new URL(POSTGRES_ADMIN_URL)
  url.pathname = `/${name}`
  return {
    kind: 'postgres',
    url: url.toString(),
    drop: () =>
      withAdminClient(async (client) => {
        await waitForSessionsToLeave(client, name)
        await client.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [name],
        )
        await client.query(`drop database if exists "${name}"`)
      }),
  }
}

function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'handbook-test-'))
  return {
    kind: 'sqlite',
    url: `file:${join(dir, 'backend.sqlite')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

/**
 * A new, empty database of `kind`: a SQLite file in its own temporary directory, or a
 * uniquely named database on the PostgreSQL server. Tests running in parallel never share one.
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'sqlite' ? createSqliteDatabase() : createPostgresDatabase()
}
