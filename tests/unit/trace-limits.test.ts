import { describe, expect, it } from 'vitest'

import {
  capEvent,
  capRequest,
  jsonBytes,
  MAX_EVENTS_PER_REQUEST,
  MAX_REQUEST_BYTES,
  MAX_STEP_BYTES,
  TRUNCATED_LABEL_SUFFIX,
  truncatedMarker,
} from '@/lib/trace/limits'
import type { TraceEvent, TracedRequest } from '@/lib/trace/types'

function step(seq: number, args: unknown, result: unknown = null): TraceEvent {
  return { seq, step: 'authorize', offsetMs: 0, durationMs: 1, args, result }
}

const request = (events: TraceEvent[]): TracedRequest => ({
  id: 'r1',
  label: 'POST /api/auth/callback/login',
  startedAt: 1,
  events,
})

describe('trace limits', () => {
  it('leaves a step of ordinary size as it is', () => {
    const event = step(1, { credentials: { email: 'demo@example.com' } }, { id: 'u1' })
    expect(capEvent(event, MAX_STEP_BYTES)).toBe(event)
  })

  it('replaces the bulk of an oversized step with a marker that says how big it was', () => {
    const args = { names: Array.from({ length: 20 }, () => 'n'.repeat(200)) }
    const event = step(1, args, { ok: true })
    const capped = capEvent(event, 1024)
    expect(jsonBytes(capped)).toBeLessThanOrEqual(1024)
    expect(capped.args).toBe(truncatedMarker(jsonBytes(args)))
    expect(capped.result).toEqual({ ok: true })
  })

  it('keeps a request within its byte limit, however many big steps it has, and says so', () => {
    const big = { names: Array.from({ length: 20 }, () => 'n'.repeat(190)) }
    const events = Array.from({ length: 100 }, (_, i) => step(i + 1, big, big))
    const capped = capRequest(request(events))
    const stored = capped.events.reduce((sum, event) => sum + jsonBytes(event), 0)
    expect(stored).toBeLessThanOrEqual(MAX_REQUEST_BYTES)
    expect(capped.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_REQUEST)
    expect(capped.label).toBe(`POST /api/auth/callback/login${TRUNCATED_LABEL_SUFFIX}`)
    for (const event of capped.events) expect(jsonBytes(event)).toBeLessThanOrEqual(MAX_STEP_BYTES)
  })

  it('leaves an ordinary request untouched', () => {
    const events = [step(1, { a: 1 }), step(2, { b: 2 })]
    expect(capRequest(request(events))).toEqual(request(events))
  })
})
