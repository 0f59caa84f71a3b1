/**
 * Redaction by allowlist: a key that is not known to be safe is replaced, whatever it holds.
 * A denylist would leak the first secret someone adds under a new name; this fails closed.
 *
 * The posted credentials go further: a field the site does not declare is dropped, name and
 * all. Whoever posts the form chooses those names, and a name is as long as they like.
 */

export const REDACTED = '[redacted]'

/** Keys whose values may be shown to the reader they belong to. */
const SAFE_KEYS = new Set([
  // containers the callbacks receive; their own keys are checked one by one
  'user',
  'account',
  'token',
  'session',
  'credentials',
  'newSession',
  // identity and flow
  'id',
  'sub',
  'email',
  'name',
  'image',
  'picture',
  'provider',
  'providerAccountId',
  'type',
  'trigger',
  'isNewUser',
  'scenario',
  'callbackUrl',
  'redirect',
  'json',
  'url',
  'baseUrl',
  // times and outcomes
  'iat',
  'exp',
  'jti',
  'expires',
  'accessTokenExpires',
  'error',
  'ok',
  'status',
  'code',
  'method',
  'path',
  'result',
])

/**
 * The fields a credentials POST may carry: the ones the site's providers declare (lib/auth/
 * options.ts) and the lab's scenario, plus what NextAuth's own client posts. A new field in
 * the providers must be added here to show in the trace.
 */
export const DECLARED_CREDENTIAL_FIELDS: ReadonlySet<string> = new Set([
  'email',
  'password',
  'name',
  'scenario',
  'csrfToken',
  'callbackUrl',
  'json',
  'redirect',
])

// why: even under a safe key, a value shaped like a JWT or JWE is a credential.
const LOOKS_LIKE_TOKEN = /^eyJ[\w-]+\.[\w-]*\./

const MAX_STRING_LENGTH = 200
const MAX_DEPTH = 6

/** A copy of `value` in which only allowlisted keys keep their values. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null
  if (typeof value === 'string') {
    if (LOOKS_LIKE_TOKEN.test(value)) return REDACTED
    return value.length > MAX_STRING_LENGTH ? `${value.slice(0, MAX_STRING_LENGTH)}…` : value
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (depth >= MAX_DEPTH) return REDACTED
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => redact(item, depth + 1))
  if (value instanceof Date) return value.toISOString()
  if (typeof value !== 'object') return REDACTED
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
      key,
      key === 'credentials'
        ? redact(declaredFieldsOf(inner), depth + 1)
        : SAFE_KEYS.has(key)
          ? redact(inner, depth + 1)
          : REDACTED,
    ]),
  )
}

function declaredFieldsOf(credentials: unknown): unknown {
  if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials)) {
    return credentials
  }
  return Object.fromEntries(
    Object.entries(credentials).filter(([key]) => DECLARED_CREDENTIAL_FIELDS.has(key)),
  )
}
