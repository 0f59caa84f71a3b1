import type { IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'

import getRawBody from 'raw-body'

/**
 * why: a sign-in form is well under 1 kB and NextAuth's client posts nothing larger; the only
 * big bodies are abuse, which must be refused before NextAuth or the tracer sees them.
 */
export const MAX_AUTH_BODY_BYTES = 16 * 1024

export type AuthBodyFailure = 'payload_too_large' | 'invalid_body'

export type AuthBody =
  { ok: true; body: Record<string, string> | string } | { ok: false; code: AuthBodyFailure }

/** The body as Next.js would have parsed it for NextAuth: a form, JSON, or plain text. */
function parse(text: string, contentType: string | undefined): AuthBody {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  if (type === 'application/x-www-form-urlencoded') {
    return { ok: true, body: Object.fromEntries(new URLSearchParams(text)) }
  }
  if (type !== 'application/json') return { ok: true, body: text }
  // why: as in Next.js's parser, an empty JSON body is an empty object, not an error.
  if (text === '') return { ok: true, body: {} }
  try {
    const parsed: unknown = JSON.parse(text)
    // why: NextAuth reads fields off the body; an array or a number has none to read.
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { ok: false, code: 'invalid_body' }
    }
    return { ok: true, body: parsed as Record<string, string> }
  } catch {
    return { ok: false, code: 'invalid_body' }
  }
}

/**
 * Reads and parses an auth request's body, at most MAX_AUTH_BODY_BYTES. Stands in for Next.js's
 * body parser on the auth route, whose 413 is a plain-text page; this one lets the route answer
 * with the same JSON error shape as every other endpoint of the site.
 */
export async function readAuthBody(
  request: Readable & { headers: IncomingHttpHeaders },
): Promise<AuthBody> {
  try {
    const text = await getRawBody(request, { limit: MAX_AUTH_BODY_BYTES, encoding: 'utf-8' })
    return parse(text, request.headers['content-type'])
  } catch (error) {
    const tooLarge = (error as { type?: string }).type === 'entity.too.large'
    return { ok: false, code: tooLarge ? 'payload_too_large' : 'invalid_body' }
  }
}

/** The messages a client reads beside each code. */
export const AUTH_BODY_MESSAGES: Record<AuthBodyFailure, string> = {
  payload_too_large: `The request body is larger than ${MAX_AUTH_BODY_BYTES / 1024} kB.`,
  invalid_body: 'The request body could not be read as a form or a JSON object.',
}
