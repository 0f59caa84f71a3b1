import type { z } from 'zod'

import type { SessionTokens } from '@/demo-backend/contract'
import { errorResponseSchema, sessionTokensSchema } from '@/demo-backend/contract'
import { clientIpHeaders } from '@/demo-backend/http/client-ip'
import { traceStep } from '@/lib/trace/context'

import { currentReaderIp } from './reader-ip'

/** How long `authorize()` waits for the backend before telling the reader it is unavailable. */
const BACKEND_TIMEOUT_MS = 5_000

/** The codes the contract defines, plus `unavailable` for a backend that did not answer sensibly. */
export type BackendFailureCode =
  | 'invalid_input'
  | 'invalid_credentials'
  | 'email_taken'
  | 'invalid_token'
  | 'rate_limited'
  | 'unavailable'

export type BackendAnswer<T> = { ok: true; value: T } | { ok: false; code: BackendFailureCode }

const KNOWN_CODES = new Set<string>([
  'invalid_input',
  'invalid_credentials',
  'email_taken',
  'invalid_token',
  'rate_limited',
  'unavailable',
])

type Sent<T> = { status: number | null; answer: BackendAnswer<T> }

async function send<S extends z.ZodType>(
  url: string,
  body: unknown,
  schema: S,
  extraHeaders: Record<string, string>,
): Promise<Sent<z.output<S>>> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...extraHeaders },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(BACKEND_TIMEOUT_MS),
    })
  } catch {
    return { status: null, answer: { ok: false, code: 'unavailable' } }
  }
  const json: unknown = await response.json().catch(() => null)
  if (response.ok) {
    const parsed = schema.safeParse(json)
    const answer = parsed.success
      ? ({ ok: true, value: parsed.data } as const)
      : ({ ok: false, code: 'unavailable' } as const)
    return { status: response.status, answer }
  }
  const error = errorResponseSchema.safeParse(json)
  const code =
    error.success && KNOWN_CODES.has(error.data.error.code) ? error.data.error.code : 'unavailable'
  return { status: response.status, answer: { ok: false, code: code as BackendFailureCode } }
}

type ClientOptions = { baseUrl: string; clientIpSecret: string }

async function post<S extends z.ZodType>(
  options: ClientOptions,
  path: string,
  body: unknown,
  schema: S,
): Promise<BackendAnswer<z.output<S>>> {
  const readerIp = currentReaderIp()
  // why: the backend's rate limits must count the reader, not this server (see client-ip.ts).
  const headers = readerIp ? clientIpHeaders(readerIp, options.clientIpSecret) : {}
  const sent = await traceStep(
    'backend',
    { method: 'POST', path: `/${path}` },
    () => send(`${options.baseUrl}/${path}`, body, schema, headers),
    // why: the trace shows the status and the code; the tokens in the body stay here.
    ({ status, answer }) => ({ status, ok: answer.ok, code: answer.ok ? undefined : answer.code }),
  )
  return sent.answer
}

/**
 * A typed client for any server that keeps the backend contract: the site's own
 * `/api/backend`, the standalone `npm run backend`, or yours. It never throws: every outcome,
 * including a timeout, is an answer with a contract code.
 */
export function createBackendClient(options: ClientOptions) {
  return {
    login: (credentials: { email: string; password: string }) =>
      post(options, 'login', credentials, sessionTokensSchema),
    signup: (credentials: { email: string; password: string; name?: string }) =>
      post(options, 'signup', credentials, sessionTokensSchema),
    refresh: (refreshToken: string) =>
      post(options, 'refresh', { refreshToken }, sessionTokensSchema),
  }
}

export type BackendClient = ReturnType<typeof createBackendClient>
export type { SessionTokens }
