import { z } from 'zod'

// #region contract
/** A user as the backend describes one. `role` decides what the person may do. */
const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(['reader', 'editor']),
})

/** What the backend answers to a sign-up, a log-in and a refresh. */
const sessionTokensSchema = z.object({
  user: userSchema,
  accessToken: z.string(),
  /** When the access token expires, in epoch milliseconds. */
  accessTokenExpires: z.number(),
  refreshToken: z.string(),
})

/** The fields a sign-up or log-in sends; `invalid_input` may name the one at fault. */
const INPUT_FIELDS = ['email', 'password', 'name'] as const

const errorSchema = z.object({
  // why: a field this client does not know is dropped, never passed on to the browser.
  error: z.object({ code: z.string(), field: z.enum(INPUT_FIELDS).optional().catch(undefined) }),
})

export type BackendUser = z.infer<typeof userSchema>
export type SessionTokens = z.infer<typeof sessionTokensSchema>
// #endregion contract

// #region answers
/**
 * Every way a call can end. `unavailable` covers a timeout, a network error, a 5xx and an
 * answer that is not the contract's JSON: the backend could not say yes or no.
 */
export type FailureCode =
  | 'invalid_input'
  | 'invalid_credentials'
  | 'email_taken'
  | 'invalid_token'
  | 'rate_limited'
  | 'unavailable'

export type InputField = (typeof INPUT_FIELDS)[number]

/** A failure, with what the backend said about it: the field at fault, or when to retry. */
export type Failure = {
  ok: false
  code: FailureCode
  field?: InputField
  retryAfterSeconds?: number
}

export type Answer<T> = { ok: true; value: T } | Failure

/** Failures that say nothing about the credentials or the token: try again later. */
export function isTransient(code: FailureCode): boolean {
  return code === 'unavailable' || code === 'rate_limited'
}
// #endregion answers

const KNOWN_CODES: readonly FailureCode[] = [
  'invalid_input',
  'invalid_credentials',
  'email_taken',
  'invalid_token',
  'rate_limited',
  'unavailable',
]

/**
 * `Retry-After` as whole seconds, when it is written that way; undefined otherwise (HTTP also
 * allows a date, which this backend never sends).
 */
export function parseRetryAfter(header: string | null): number | undefined {
  const value = header?.trim() ?? ''
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined
}

/** How long to wait for the backend before giving up with `unavailable`. */
export const BACKEND_TIMEOUT_MS = 5_000

export type BackendClientOptions = {
  /** Where the backend lives, e.g. `http://localhost:4000`, without a trailing slash. */
  baseUrl: string
  /** The `fetch` to call it with: a wrapper can add headers or record each call. */
  fetch?: typeof fetch
  timeoutMs?: number
}

/** The field at fault and the seconds to wait, as far as the backend said them. */
function detailsOf(response: Response, body: z.infer<typeof errorSchema> | undefined) {
  const field = body?.error.field
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'))
  return {
    ...(field === undefined ? {} : { field }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  }
}

// #region send
async function send<S extends z.ZodType>(
  options: BackendClientOptions,
  path: string,
  body: unknown,
  schema: S,
): Promise<Answer<z.output<S>>> {
  const fetchBackend = options.fetch ?? fetch
  let response: Response
  let json: unknown
  try {
    response = await fetchBackend(`${options.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? BACKEND_TIMEOUT_MS),
    })
    // why: a 204 has no body; every other answer of the contract is JSON.
    json = response.status === 204 ? null : await response.json()
  } catch {
    // A timeout, a refused connection or a body that is not JSON: no answer we can trust.
    return { ok: false, code: 'unavailable' }
  }
  if (response.ok) {
    const parsed = schema.safeParse(json)
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, code: 'unavailable' }
  }
  // #region known-codes
  const error = errorSchema.safeParse(json)
  const code = error.success ? error.data.error.code : ''
  // why: a 5xx is transient whatever its body says, and an unknown code is not one to act on.
  const known = response.status < 500 && KNOWN_CODES.find((known) => known === code)
  return { ok: false, code: known || 'unavailable', ...detailsOf(response, error.data) }
  // #endregion known-codes
}
// #endregion send

// #region client
/**
 * A client for the backend's HTTP contract. It never throws: every outcome, a timeout
 * included, is an `Answer` with a code, so callers decide what each one means.
 */
export function createBackendClient(options: BackendClientOptions) {
  return {
    login: (input: { email: string; password: string }) =>
      send(options, '/login', input, sessionTokensSchema),
    signup: (input: { email: string; password: string; name?: string }) =>
      send(options, '/signup', input, sessionTokensSchema),
    refresh: (refreshToken: string) =>
      send(options, '/refresh', { refreshToken }, sessionTokensSchema),
    logout: (refreshToken: string) => send(options, '/logout', { refreshToken }, z.null()),
  }
}
// #endregion client

export type BackendClient = ReturnType<typeof createBackendClient>
