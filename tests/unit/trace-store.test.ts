import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { DatabaseHandle } from '@/demo-backend/db/connect'
import { connectDatabase } from '@/demo-backend/db/connect'
import { jsonBytes, MAX_REQUEST_BYTES } from '@/lib/trace/limits'
import type { TraceSchema } from '@/lib/trace/schema'
import { migrateTraceTables } from '@/lib/trace/schema'
import {
  createTraceStore,
  DEFAULT_TRACE_LIMITS,
  getTraceStore,
  MAX_REQUESTS_PER_READER,
} from '@/lib/trace/store'
import type { TraceEvent, TracedRequest } from '@/lib/trace/types'

import type { TestDatabase } from '../support/test-databases'
import { createTestDatabase, DATABASE_KINDS } from '../support/test-databases'

const dataDir = mkdtempSync(join(tmpdir(), 'trace-store-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const store = () => getTraceStore(`file:${join(dataDir, 'traces.sqlite')}`)

function tracedRequest(label: string, startedAt: number): TracedRequest {
  const event: TraceEvent = {
    seq: 1,
    step: 'session',
    offsetMs: 0,
    durationMs: 1,
    args: {},
    result: {},
  }
  return { id: `${label}-${startedAt}`, label, startedAt, events: [event] }
}

describe('the trace store, which writes saves in batches', () => {
  it('lists a request as soon as it was saved, even when the caller did not wait', async () => {
    const traces = await store()
    const saved = traces.save('reader-a', tracedRequest('GET /api/auth/session', 1))
    expect((await traces.list('reader-a')).map((request) => request.label)).toEqual([
      'GET /api/auth/session',
    ])
    await saved
  })

  it('keeps only the newest requests of a reader when many arrive in one batch', async () => {
    const traces = await store()
    const count = MAX_REQUESTS_PER_READER + 5
    await Promise.all(
      Array.from({ length: count }, (_, i) => traces.save('reader-b', tracedRequest('r', i + 1))),
    )
    const kept = await traces.list('reader-b')
    expect(kept).toHaveLength(MAX_REQUESTS_PER_READER)
    expect(kept[0]?.startedAt).toBe(count - MAX_REQUESTS_PER_READER + 1)
  })

  it('never shows one reader the requests of another', async () => {
    const traces = await store()
    await traces.save('reader-c', tracedRequest('mine', 1))
    expect(await traces.list('reader-d')).toEqual([])
  })
})

describe.each(DATABASE_KINDS)('the trace store’s limits (%s)', (kind) => {
  let database: TestDatabase
  let handle: DatabaseHandle<TraceSchema>

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    handle = connectDatabase<TraceSchema>(database.url)
    await migrateTraceTables(handle.db)
  })

  afterAll(async () => {
    await handle?.close()
    await database?.drop()
  })

  beforeEach(async () => {
    await handle.db.deleteFrom('trace_events').execute()
    await handle.db.updateTable('trace_usage').set({ row_count: 0, byte_count: 0 }).execute()
  })

  /** What the table holds, measured from the rows themselves rather than the store's counts. */
  async function stored() {
    const rows = await handle.db.selectFrom('trace_events').select(['detail']).execute()
    const usage = await handle.db
      .selectFrom('trace_usage')
      .select(['row_count', 'byte_count'])
      .executeTakeFirstOrThrow()
    const measured = {
      rows: rows.length,
      bytes: rows.reduce((sum, row) => sum + Buffer.byteLength(row.detail), 0),
    }
    // The store's own count, which its limits rely on, agrees with the rows.
    expect({ rows: Number(usage.row_count), bytes: Number(usage.byte_count) }).toEqual(measured)
    return measured
  }

  /** A request of three steps of about `bytes` each, as a busy sign-in might be. */
  function sizedRequest(label: string, startedAt: number, bytes: number): TracedRequest {
    const events = (['authorize', 'signIn', 'jwt'] as const).map((step, i) => ({
      seq: i + 1,
      step,
      offsetMs: i,
      durationMs: 1,
      args: { name: 'n'.repeat(Math.min(190, bytes)) },
      result: { names: Array.from({ length: Math.ceil(bytes / 200) }, () => 'x'.repeat(190)) },
    }))
    return { id: `${label}-${startedAt}`, label, startedAt, events }
  }

  it('never grows past its limits in all, however many readers arrive', async () => {
    const limits = {
      maxRequestsPerReader: 40,
      maxReaderBytes: 64 * 1024,
      maxTotalBytes: 200 * 1024,
      maxTotalRows: 400,
    }
    const traces = createTraceStore(handle.db, { limits })
    for (let wave = 0; wave < 10; wave++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          traces.save(`reader-${wave}-${i}`, sizedRequest('r', wave * 100 + i, 1_000)),
        ),
      )
      const now = await stored()
      expect(now.bytes).toBeLessThanOrEqual(limits.maxTotalBytes)
      expect(now.rows).toBeLessThanOrEqual(limits.maxTotalRows)
    }
    // The newest readers keep their whole trace; the oldest went first.
    expect(await traces.list('reader-9-49')).toHaveLength(1)
    expect((await traces.list('reader-9-49'))[0]?.events).toHaveLength(3)
    expect(await traces.list('reader-0-0')).toEqual([])
    // why: 500 readers in ten batches; PostgreSQL on a busy two-core machine takes a few seconds.
  }, 30_000)

  it('keeps one reader within its byte limit, newest requests first', async () => {
    const limits = { ...DEFAULT_TRACE_LIMITS, maxReaderBytes: 32 * 1024 }
    const traces = createTraceStore(handle.db, { limits })
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        traces.save('reader-big', sizedRequest('r', i + 1, 3_000)),
      ),
    )
    const kept = await traces.list('reader-big')
    const bytes = kept.flatMap((r) => r.events).reduce((sum, e) => sum + jsonBytes(e), 0)
    expect(bytes).toBeLessThanOrEqual(limits.maxReaderBytes)
    expect(kept.at(-1)?.startedAt).toBe(40)
    expect((await stored()).bytes).toBeLessThanOrEqual(limits.maxReaderBytes)
  })

  it('stores an oversized request within the request limit, with a visible marker', async () => {
    const traces = createTraceStore(handle.db)
    await traces.save('reader-huge', sizedRequest('POST /api/auth/callback/login', 1, 100_000))
    const [request] = await traces.list('reader-huge')
    expect(request?.events[0]?.result).toMatch(/^\[truncated: \d+ bytes\]$/)
    expect((await stored()).bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES)
  })

  it('keeps its count of what it holds right through clears and expiry', async () => {
    let time = 1_000_000
    const traces = createTraceStore(handle.db, { now: () => time })
    await traces.save('reader-a', sizedRequest('r', 1, 500))
    await traces.save('reader-b', sizedRequest('r', 2, 500))
    await traces.clear('reader-a')
    expect((await stored()).rows).toBe(3)
    time += 2 * 60 * 60 * 1000
    await traces.save('reader-c', sizedRequest('r', 3, 500))
    expect(await traces.list('reader-b')).toEqual([])
    expect((await stored()).rows).toBe(3)
  })
})
