import { randomUUID } from 'node:crypto'

import type { Kysely } from 'kysely'

import { connectDatabase } from '@/demo-backend/db/connect'

import { capRequest, MAX_EVENTS_PER_REQUEST, MAX_READER_BYTES } from './limits'
import type { TraceSchema } from './schema'
import { migrateTraceTables } from './schema'
import type { TraceEvent, TracedRequest } from './types'

/** A trace is a learning aid, not a log: it lives an hour. */
export const TRACE_LIFETIME_MS = 60 * 60 * 1000
/** Per reader, only the newest requests are kept. */
export const MAX_REQUESTS_PER_READER = 40

/**
 * How much the store keeps. Per reader: the newest requests, within a count and a size (so one
 * `GET /api/trace` answers at most `maxReaderBytes` of steps). In all: a size and a number of
 * rows, whatever the number of readers; past either, the oldest requests go first.
 */
export type TraceLimits = {
  maxRequestsPerReader: number
  maxReaderBytes: number
  maxTotalBytes: number
  maxTotalRows: number
}

/**
 * 20,000 rows is a busy hour of the lab: a reader who signs in and reads a few pages leaves
 * some 30 rows. 16 MB bounds the worst case, rows of the largest size a step may have.
 */
export const DEFAULT_TRACE_LIMITS: TraceLimits = {
  maxRequestsPerReader: MAX_REQUESTS_PER_READER,
  maxReaderBytes: MAX_READER_BYTES,
  maxTotalBytes: 16 * 1024 * 1024,
  maxTotalRows: 20_000,
}

/**
 * why: past a limit in all, the store evicts down to this share of it, so that eviction runs
 * once per tenth of the limit written, not on every batch, and each run stays short: it runs
 * on the thread that answers requests, and 2,000 rows take it tens of milliseconds.
 */
const EVICT_TO_SHARE = 0.9

const PURGE_EVERY_MS = 60 * 1000
/**
 * Saves wait this long and are then written together, in one transaction.
 * why: the store is SQLite in the same process by default, and every statement runs on the
 * thread that answers requests. Written one request at a time (insert, trim, each compiled and
 * prepared anew), they took 13 % of the server's CPU under a traced reader's session load and
 * a traced request ran at 0.67× an untraced one; batched, 3 % and 0.86–0.90× (npm run
 * bench:session). 50 ms is well under the panel's one-second poll.
 */
const WRITE_DELAY_MS = 50
/** Rows (or ids) per statement, well under SQLite's and PostgreSQL's limits on parameters. */
const ROWS_PER_STATEMENT = 500

export type TraceStore = {
  /** Queues the request and resolves once it is written, with the others of its batch. */
  save(readerId: string, request: TracedRequest): Promise<void>
  list(readerId: string): Promise<TracedRequest[]>
  clear(readerId: string): Promise<void>
}

type PendingSave = { readerId: string; request: TracedRequest }
type Db = Kysely<TraceSchema>

function rowsOf({ readerId, request }: PendingSave, expiresAt: number) {
  return request.events.map((event) => {
    const detail = JSON.stringify(event)
    return {
      id: randomUUID(),
      reader_id: readerId,
      request_id: request.id,
      request_label: request.label,
      request_started_at: request.startedAt,
      seq: event.seq,
      detail,
      bytes: Buffer.byteLength(detail),
      expires_at: expiresAt,
    }
  })
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) {
    result.push(items.slice(start, start + ROWS_PER_STATEMENT))
  }
  return result
}

type Freed = { rows: number; bytes: number }

/** What a delete … returning bytes removed. */
const freedBy = (deleted: { bytes: number }[]): Freed => ({
  rows: deleted.length,
  bytes: deleted.reduce((sum, row) => sum + Number(row.bytes), 0),
})

const plus = (a: Freed, b: Freed): Freed => ({ rows: a.rows + b.rows, bytes: a.bytes + b.bytes })

/** Deletes whole requests by id; they are indexed (trace_events_request). */
async function deleteRequests(trx: Db, requestIds: string[]): Promise<Freed> {
  let freed: Freed = { rows: 0, bytes: 0 }
  for (const ids of chunks(requestIds)) {
    const deleted = await trx
      .deleteFrom('trace_events')
      .where('request_id', 'in', ids)
      .returning('bytes')
      .execute()
    freed = plus(freed, freedBy(deleted))
  }
  return freed
}

/** Deletes the reader's requests past the newest `maxRequestsPerReader` and `maxReaderBytes`. */
async function keepNewestRequests(trx: Db, readerId: string, limits: TraceLimits) {
  const requests = await trx
    .selectFrom('trace_events')
    .select(({ fn }) => ['request_id', fn.sum<number>('bytes').as('bytes')])
    .where('reader_id', '=', readerId)
    .groupBy(['request_id', 'request_started_at'])
    .orderBy('request_started_at', 'desc')
    .orderBy('request_id', 'desc')
    .execute()
  let kept = 0
  let bytes = 0
  for (const request of requests) {
    bytes += Number(request.bytes)
    if (kept === limits.maxRequestsPerReader || bytes > limits.maxReaderBytes) break
    kept += 1
  }
  return deleteRequests(
    trx,
    requests.slice(kept).map((request) => request.request_id),
  )
}

/**
 * Deletes the oldest requests, whole, until at least `rows` rows and `bytes` bytes are gone.
 * It reads the oldest rows in the order of the `expires_at` index (rows are written with their
 * expiry), so it reads about as many rows as it deletes, never the whole table.
 */
async function evictOldest(trx: Db, rows: number, bytes: number): Promise<Freed> {
  for (let limit = Math.max(rows, ROWS_PER_STATEMENT); ; limit *= 2) {
    const oldest = await trx
      .selectFrom('trace_events')
      .select(['request_id', 'bytes'])
      .orderBy('expires_at')
      .limit(limit)
      .execute()
    const doomed = new Set<string>()
    let counted: Freed = { rows: 0, bytes: 0 }
    for (const row of oldest) {
      if (counted.rows >= rows && counted.bytes >= bytes) break
      doomed.add(row.request_id)
      counted = plus(counted, { rows: 1, bytes: Number(row.bytes) })
    }
    const enough = counted.rows >= rows && counted.bytes >= bytes
    if (enough || oldest.length < limit) return deleteRequests(trx, [...doomed])
  }
}

/**
 * The store over a migrated database. Exported for tests, which give it small limits; the site
 * uses `getTraceStore`.
 */
export function createTraceStore(
  db: Db,
  {
    limits = DEFAULT_TRACE_LIMITS,
    now = Date.now,
  }: { limits?: TraceLimits; now?: () => number } = {},
): TraceStore {
  let lastPurge = -Infinity
  let pending: PendingSave[] = []
  let writing: Promise<void> | undefined

  /**
   * Adds to the usage row. Every transaction that writes traces does this first.
   * why first: the update locks the row, so writers (several instances on PostgreSQL) take
   * turns there instead of deadlocking over the rows they delete.
   */
  async function addUsage(trx: Db, change: Freed) {
    await trx
      .updateTable('trace_usage')
      .set((eb) => ({
        row_count: eb('row_count', '+', change.rows),
        byte_count: eb('byte_count', '+', change.bytes),
      }))
      .where('id', '=', 1)
      .execute()
  }

  async function usage(trx: Db): Promise<Freed> {
    const row = await trx
      .selectFrom('trace_usage')
      .select(['row_count', 'byte_count'])
      .where('id', '=', 1)
      .executeTakeFirst()
    return { rows: Number(row?.row_count ?? 0), bytes: Number(row?.byte_count ?? 0) }
  }

  async function purgeExpired(trx: Db): Promise<Freed> {
    if (now() - lastPurge < PURGE_EVERY_MS) return { rows: 0, bytes: 0 }
    lastPurge = now()
    const deleted = await trx
      .deleteFrom('trace_events')
      .where('expires_at', '<=', now())
      .returning('bytes')
      .execute()
    return freedBy(deleted)
  }

  async function writePending() {
    const batch = pending
    pending = []
    writing = undefined
    const expiresAt = now() + TRACE_LIFETIME_MS
    const rows = batch.flatMap((save) => rowsOf(save, expiresAt))
    await db.transaction().execute(async (trx) => {
      await addUsage(trx, { rows: rows.length, bytes: rows.reduce((sum, r) => sum + r.bytes, 0) })
      for (const slice of chunks(rows)) {
        await trx.insertInto('trace_events').values(slice).execute()
      }
      let freed = await purgeExpired(trx)
      for (const readerId of new Set(batch.map((save) => save.readerId))) {
        freed = plus(freed, await keepNewestRequests(trx, readerId, limits))
      }
      const total = await usage(trx)
      const left = { rows: total.rows - freed.rows, bytes: total.bytes - freed.bytes }
      if (left.rows > limits.maxTotalRows || left.bytes > limits.maxTotalBytes) {
        freed = plus(
          freed,
          await evictOldest(
            trx,
            left.rows - Math.floor(limits.maxTotalRows * EVICT_TO_SHARE),
            left.bytes - Math.floor(limits.maxTotalBytes * EVICT_TO_SHARE),
          ),
        )
      }
      await addUsage(trx, { rows: -freed.rows, bytes: -freed.bytes })
    })
  }

  /** Waits for the batch being written, so a reader sees what was saved before they asked. */
  const written = () => writing?.catch(() => undefined)

  return {
    save(readerId, request) {
      // why: NextAuth runs `redirect` on nearly every request (csrf, providers) once the
      // callback-url cookie exists; a request that ran nothing else teaches nothing.
      if (request.events.every((event) => event.step === 'redirect')) return Promise.resolve()
      pending.push({ readerId, request: capRequest(request) })
      writing ??= new Promise((resolve) => setTimeout(resolve, WRITE_DELAY_MS)).then(writePending)
      return writing
    },

    async list(readerId) {
      await written()
      // Newest first, so that the limits (which the writes already keep) cut the oldest.
      const rows = await db
        .selectFrom('trace_events')
        .select(['request_id', 'request_label', 'request_started_at', 'detail', 'bytes'])
        .where('reader_id', '=', readerId)
        .where('expires_at', '>', now())
        .orderBy('request_started_at', 'desc')
        .orderBy('request_id', 'desc')
        .orderBy('seq')
        .limit(limits.maxRequestsPerReader * MAX_EVENTS_PER_REQUEST)
        .execute()
      const requests = new Map<string, TracedRequest>()
      let bytes = 0
      for (const row of rows) {
        let request = requests.get(row.request_id)
        if (!request) {
          if (bytes + Number(row.bytes) > limits.maxReaderBytes) break
          request = {
            id: row.request_id,
            label: row.request_label,
            startedAt: row.request_started_at,
            events: [],
          }
          requests.set(row.request_id, request)
        }
        bytes += Number(row.bytes)
        request.events.push(JSON.parse(row.detail) as TraceEvent)
      }
      return [...requests.values()].reverse()
    },

    async clear(readerId) {
      await written()
      await db.transaction().execute(async (trx) => {
        const deleted = await trx
          .deleteFrom('trace_events')
          .where('reader_id', '=', readerId)
          .returning('bytes')
          .execute()
        const freed = freedBy(deleted)
        await addUsage(trx, { rows: -freed.rows, bytes: -freed.bytes })
      })
    },
  }
}

/**
 * Sets the usage row from the table itself: once per process start, so that it cannot drift
 * for long (rows deleted by hand, say). One scan of the table, which the limits keep small.
 */
async function recountUsage(db: Db) {
  await db
    .updateTable('trace_usage')
    .set((eb) => ({
      row_count: eb
        .selectFrom('trace_events')
        .select((inner) => inner.fn.countAll<number>().as('n')),
      byte_count: eb
        .selectFrom('trace_events')
        .select((inner) => inner.fn.coalesce(inner.fn.sum<number>('bytes'), inner.lit(0)).as('n')),
    }))
    .where('id', '=', 1)
    .execute()
}

// why: one connection per process, kept across hot reloads in development.
const globalForTraces = globalThis as typeof globalThis & {
  handbookTraceStore?: Promise<TraceStore>
}

/** The trace store of this process; a failed start is retried on the next call. */
export function getTraceStore(databaseUrl: string): Promise<TraceStore> {
  globalForTraces.handbookTraceStore ??= (async () => {
    const handle = connectDatabase<TraceSchema>(databaseUrl)
    try {
      await migrateTraceTables(handle.db)
      await recountUsage(handle.db)
    } catch (error) {
      await handle.close()
      throw error
    }
    return createTraceStore(handle.db)
  })().catch((error: unknown) => {
    globalForTraces.handbookTraceStore = undefined
    throw error
  })
  return globalForTraces.handbookTraceStore
}
