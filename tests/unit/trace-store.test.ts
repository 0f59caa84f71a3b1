import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { getTraceStore, MAX_REQUESTS_PER_READER } from '@/lib/trace/store'
import type { TraceEvent, TracedRequest } from '@/lib/trace/types'

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
