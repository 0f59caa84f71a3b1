import { randomUUID } from 'node:crypto'

import type { Kysely } from 'kysely'

import { connectDatabase } from '@/demo-backend/db/connect'

import type { TraceSchema } from './schema'
import { migrateTraceTables } from './schema'
import type { TraceEvent, TracedRequest } from './types'

/** A trace is a learning aid, not a log: it lives an hour. */
export const TRACE_LIFETIME_MS = 60 * 60 * 1000
/** Per reader, only the newest requests are kept. */
export const MAX_REQUESTS_PER_READER = 40

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
/** Rows per INSERT statement, well under SQLite's and PostgreSQL's limits on parameters. */
const ROWS_PER_INSERT = 500

export type TraceStore = {
  /** Queues the request and resolves once it is written, with the others of its batch. */
  save(readerId: string, request: TracedRequest): Promise<void>
  list(readerId: string): Promise<TracedRequest[]>
  clear(readerId: string): Promise<void>
}

type PendingSave = { readerId: string; request: TracedRequest }

function rowsOf({ readerId, request }: PendingSave, expiresAt: number) {
  return request.events.map((event) => ({
    id: randomUUID(),
    reader_id: readerId,
    request_id: request.id,
    request_label: request.label,
    request_started_at: request.startedAt,
    seq: event.seq,
    detail: JSON.stringify(event),
    expires_at: expiresAt,
  }))
}

function createTraceStore(db: Kysely<TraceSchema>, now: () => number = Date.now): TraceStore {
  let lastPurge = 0
  let pending: PendingSave[] = []
  let writing: Promise<void> | undefined

  async function purgeExpired(trx: Kysely<TraceSchema>) {
    if (now() - lastPurge < PURGE_EVERY_MS) return
    lastPurge = now()
    await trx.deleteFrom('trace_events').where('expires_at', '<=', now()).execute()
  }

  async function keepNewestRequests(trx: Kysely<TraceSchema>, readerId: string) {
    const cutoff = await trx
      .selectFrom('trace_events')
      .select('request_started_at')
      .distinct()
      .where('reader_id', '=', readerId)
      .orderBy('request_started_at', 'desc')
      .offset(MAX_REQUESTS_PER_READER - 1)
      .limit(1)
      .executeTakeFirst()
    if (!cutoff) return
    await trx
      .deleteFrom('trace_events')
      .where('reader_id', '=', readerId)
      .where('request_started_at', '<', cutoff.request_started_at)
      .execute()
  }

  async function writePending() {
    const batch = pending
    pending = []
    writing = undefined
    const expiresAt = now() + TRACE_LIFETIME_MS
    const rows = batch.flatMap((save) => rowsOf(save, expiresAt))
    await db.transaction().execute(async (trx) => {
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        await trx
          .insertInto('trace_events')
          .values(rows.slice(start, start + ROWS_PER_INSERT))
          .execute()
      }
      for (const readerId of new Set(batch.map((save) => save.readerId))) {
        await keepNewestRequests(trx, readerId)
      }
      await purgeExpired(trx)
    })
  }

  /** Waits for the batch being written, so a reader sees what was saved before they asked. */
  const written = () => writing?.catch(() => undefined)

  return {
    save(readerId, request) {
      // why: NextAuth runs `redirect` on nearly every request (csrf, providers) once the
      // callback-url cookie exists; a request that ran nothing else teaches nothing.
      if (request.events.every((event) => event.step === 'redirect')) return Promise.resolve()
      pending.push({ readerId, request })
      writing ??= new Promise((resolve) => setTimeout(resolve, WRITE_DELAY_MS)).then(writePending)
      return writing
    },

    async list(readerId) {
      await written()
      const rows = await db
        .selectFrom('trace_events')
        .select(['request_id', 'request_label', 'request_started_at', 'detail'])
        .where('reader_id', '=', readerId)
        .where('expires_at', '>', now())
        .orderBy('request_started_at')
        .orderBy('request_id')
        .orderBy('seq')
        .execute()
      const requests = new Map<string, TracedRequest>()
      for (const row of rows) {
        let request = requests.get(row.request_id)
        if (!request) {
          request = {
            id: row.request_id,
            label: row.request_label,
            startedAt: row.request_started_at,
            events: [],
          }
          requests.set(row.request_id, request)
        }
        request.events.push(JSON.parse(row.detail) as TraceEvent)
      }
      return [...requests.values()]
    },

    async clear(readerId) {
      await written()
      await db.deleteFrom('trace_events').where('reader_id', '=', readerId).execute()
    },
  }
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
