/** The steps the tracer records, in the vocabulary the chapters use. */
export const TRACE_STEPS = [
  'redirect',
  'authorize',
  'backend',
  'signIn',
  'jwt',
  'session',
  'event:signIn',
  'event:signOut',
  'event:session',
] as const

export type TraceStep = (typeof TRACE_STEPS)[number]

/** One recorded step, already redacted: safe to send to the reader it belongs to. */
export type TraceEvent = {
  seq: number
  step: TraceStep
  /** Milliseconds since the request started. */
  offsetMs: number
  durationMs: number
  args: unknown
  result: unknown
  /** Set when the step threw; only the error's message, which our code chose. */
  error?: string
}

/** The events of one HTTP request, in the order the steps started. */
export type TracedRequest = {
  id: string
  label: string
  startedAt: number
  events: TraceEvent[]
}
