import type { TraceEvent, TracedRequest } from './types'

/**
 * How much of a trace is kept, in bytes of the JSON the store writes. A sign-in's steps are a
 * few hundred bytes each and a whole sign-in under 5 kB, so honest readers never meet these
 * limits; they are there so that nobody can make the store hold (or `GET /api/trace` answer)
 * more than this, whatever they post.
 */
export const MAX_STEP_BYTES = 4 * 1024
export const MAX_REQUEST_BYTES = 16 * 1024
export const MAX_EVENTS_PER_REQUEST = 32
/** What the store keeps of one reader, so also the most that one `GET /api/trace` answers. */
export const MAX_READER_BYTES = 256 * 1024

/** Shown in place of arguments or a result that did not fit. */
export const truncatedMarker = (bytes: number) => `[truncated: ${bytes} bytes]`
/** Added to a request's label when some of its steps were left out. */
export const TRUNCATED_LABEL_SUFFIX = ' [truncated]'

/** The size of `value` as the store writes it. */
export const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '')

/**
 * The event within `maxBytes`: the larger of its arguments and result is replaced by a marker
 * that says how big it was, then the other if that was not enough.
 */
export function capEvent(event: TraceEvent, maxBytes: number): TraceEvent {
  if (jsonBytes(event) <= maxBytes) return event
  const argsBytes = jsonBytes(event.args)
  const resultBytes = jsonBytes(event.result)
  const larger = argsBytes >= resultBytes ? 'args' : 'result'
  const once = { ...event, [larger]: truncatedMarker(Math.max(argsBytes, resultBytes)) }
  if (jsonBytes(once) <= maxBytes) return once
  return { ...event, args: truncatedMarker(argsBytes), result: truncatedMarker(resultBytes) }
}

/**
 * The request within MAX_REQUEST_BYTES (its steps' JSON, as stored): each step within MAX_STEP_BYTES and the rest of the
 * request's budget; a step that does not fit even as markers is left out with those after
 * it, and the label says so.
 */
export function capRequest(request: TracedRequest): TracedRequest {
  const events: TraceEvent[] = []
  let used = 0
  for (const event of request.events.slice(0, MAX_EVENTS_PER_REQUEST)) {
    const capped = capEvent(event, Math.min(MAX_STEP_BYTES, MAX_REQUEST_BYTES - used))
    const bytes = jsonBytes(capped)
    if (used + bytes > MAX_REQUEST_BYTES) break
    events.push(capped)
    used += bytes
  }
  if (events.length === request.events.length) return { ...request, events }
  return { ...request, label: `${request.label}${TRUNCATED_LABEL_SUFFIX}`, events }
}
