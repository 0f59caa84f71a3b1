import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'

import { redact } from './redact'
import type { TraceEvent, TraceStep, TracedRequest } from './types'

type ActiveTrace = TracedRequest & { readerId: string; startedAtPerf: number }

const activeTrace = new AsyncLocalStorage<ActiveTrace>()

/**
 * Runs `handle` with a trace attached, so every `traceStep` inside it is recorded for
 * `readerId`, and returns the recorded request when `handle` has finished. Requests from
 * visitors without a trace cookie never come here and pay nothing.
 */
export async function runTraced(
  readerId: string,
  label: string,
  handle: () => Promise<unknown>,
): Promise<{ readerId: string; request: TracedRequest }> {
  const trace: ActiveTrace = {
    id: randomUUID(),
    label,
    startedAt: Date.now(),
    startedAtPerf: performance.now(),
    events: [],
    readerId,
  }
  await activeTrace.run(trace, handle)
  const { readerId: owner, startedAtPerf: _perf, ...request } = trace
  return { readerId: owner, request }
}

/**
 * Records one step of NextAuth's flow (its arguments, result and duration, redacted) when
 * the current request is traced, and simply runs it otherwise. `summarize` picks what of the
 * result is worth showing before redaction.
 */
export async function traceStep<T>(
  step: TraceStep,
  args: unknown,
  run: () => Promise<T> | T,
  summarize: (result: T) => unknown = (result) => result,
): Promise<T> {
  const trace = activeTrace.getStore()
  if (!trace) return run()

  const started = performance.now()
  const event: TraceEvent = {
    seq: trace.events.length + 1,
    step,
    offsetMs: round(started - trace.startedAtPerf),
    durationMs: 0,
    args: redact(args),
    result: null,
  }
  // why: pushed before running, so a step that calls another (authorize → backend) comes first.
  trace.events.push(event)
  try {
    const result = await run()
    event.result = redact(summarize(result))
    return result
  } catch (error) {
    event.error = String(redact(error instanceof Error ? error.message : 'error'))
    throw error
  } finally {
    event.durationMs = round(performance.now() - started)
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100
