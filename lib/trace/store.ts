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

export type TraceStore = {
  save(readerId: string, request: TracedRequest): Promise<void>
  list(readerId: string): Promise<TracedRequest[]>
  clear(readerId: string): Promise<void>
}

function createTraceStore(db: Kysely<TraceSchema>, now: () => number = Date.now): TraceStore {
  let lastPurge = 0

  async function purgeExpired() {
    if (now() - lastPurge < PURGE_EVERY_MS) return
    lastPurge = now()
    await db.deleteFrom('trace_events').where('expires_at', '<=', now()).execute()
  }

  async function keepNewestRequests(readerId: string) {
    const cutoff = await db
      .selectFrom('trace_events')
      .select('request_started_at')
      .distinct()
      .where('reader_id', '=', readerId)
      .orderBy('request_started_at', 'desc')
      .offset(MAX_REQUESTS_PER_READER - 1)
      .limit(1)
      .executeTakeFirst()
    if (!cutoff) return
    await db
      .deleteFrom('trace_events')
      .where('reader_id', '=', readerId)
      .where('request_started_at', '<', cutoff.request_started_at)
      .execute()
  }

  return {
    async save(readerId, request) {
      // why: NextAuth runs `redirect` on nearly every request (csrf, providers) once the
      // callback-url cookie exists; a request that ran nothing else teaches nothing.
      if (request.events.every((event) => event.step === 'redirect')) return
      const expiresAt = now() + TRACE_LIFETIME_MS
      await db
        .insertInto('trace_events')
        .values(
          request.events.map((event) => ({
            id: randomUUID(),
            reader_id: readerId,
            request_id: request.id,
            request_label: request.label,
            request_started_at: request.startedAt,
            seq: event.seq,
            detail: JSON.stringify(event),
            expires_at: expiresAt,
          })),
        )
        .execute()
      await keepNewestRequests(readerId)
      await purgeExpired()
    },

    async list(readerId) {
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
