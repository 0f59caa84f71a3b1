import type { NextApiRequest, NextApiResponse } from 'next'
import NextAuth from 'next-auth'

import { forwardedClientIp, warnIfProxyHeadersIgnored } from '@/demo-backend/http/client-ip'
import {
  normalizeRequestCallbackUrls,
  withNormalizedCallbackUrlCookie,
} from '@/lib/auth/callback-url'
import { createThrownErrorLogger } from '@/lib/auth/logger'
import { getAuthOptions } from '@/lib/auth/options'
import { AUTH_BODY_MESSAGES, readAuthBody } from '@/lib/auth/request-body'
import { runForReader } from '@/lib/auth/reader-ip'
import { getEnv } from '@/lib/env'
import { runTraced } from '@/lib/trace/context'
import { readTraceCookie, traceCookieSettings } from '@/lib/trace/cookie'
import { getTraceStore } from '@/lib/trace/store'

/**
 * why: the body is read by readAuthBody (at most 16 kB, like Next.js's parser with that limit),
 * so that an oversized or unreadable body gets the site's JSON error, not Next.js's plain text.
 */
export const config = { api: { bodyParser: false } }

const logThrown = createThrownErrorLogger()

/**
 * What NextAuth threw, answered 500 with the contract's error shape and logged as one
 * throttled line, instead of a stack trace per request.
 */
function answerThrown(res: NextApiResponse, error: unknown) {
  logThrown(error)
  if (res.headersSent) return res.end()
  return res.status(500).json({
    error: { code: 'internal_error', message: 'The server could not answer this request.' },
  })
}

/**
 * NextAuth's REST API (`/api/auth/*`). Requests that carry the reader's trace cookie run
 * inside a trace, which is saved once NextAuth has answered; all others go straight through.
 */
export default async function authHandler(req: NextApiRequest, res: NextApiResponse) {
  const env = getEnv()
  const read = await readAuthBody(req)
  if (!read.ok) {
    // why: stop reading the rest of an oversized upload once the answer is decided.
    if (read.code === 'payload_too_large') res.setHeader('connection', 'close')
    const status = read.code === 'payload_too_large' ? 413 : 400
    return res
      .status(status)
      .json({ error: { code: read.code, message: AUTH_BODY_MESSAGES[read.code] } })
  }
  req.body = read.body
  // why: next-auth reads NEXTAUTH_URL from process.env itself; give it the validated default.
  process.env.NEXTAUTH_URL ??= env.NEXTAUTH_URL
  const siteOrigin = new URL(env.NEXTAUTH_URL).origin
  const callbackUrls = normalizeRequestCallbackUrls(req.query, req.body, siteOrigin)
  if (!callbackUrls) {
    return res.status(400).json({
      error: {
        code: 'invalid_callback_url',
        message: 'callbackUrl must be a path or a URL on this site.',
      },
    })
  }
  // NextAuth reads the callbackUrl from these two places; it gets the percent-encoded form.
  if (callbackUrls.query !== undefined) req.query.callbackUrl = callbackUrls.query
  // why: NextApiRequest types the parsed body as `any`; a body with a callbackUrl is an object.
  if (callbackUrls.body !== undefined) req.body.callbackUrl = callbackUrls.body
  req.cookies = withNormalizedCallbackUrlCookie(req.cookies, siteOrigin)
  // why: a browser's sign-in reaches the backend with the address this route vouches for, never
  // with the proxy's header, so only this route can notice a proxy that TRUST_PROXY_HOPS ignores.
  warnIfProxyHeadersIgnored(req.headers, req.socket.remoteAddress, env.TRUST_PROXY_HOPS)
  const ip = forwardedClientIp(
    req.socket.remoteAddress,
    req.headers['x-forwarded-for'],
    env.TRUST_PROXY_HOPS,
  )
  const handle = () =>
    runForReader(ip, () => NextAuth(req, res, getAuthOptions())).catch((error: unknown) =>
      answerThrown(res, error),
    )
  // why: `_log` lets anyone, unauthenticated, write lines into the server log through
  // NextAuth's logger. The browser's errors are not worth that: it is answered and dropped,
  // before it can reach the log or a trace.
  if (req.query.nextauth?.[0] === '_log') return res.status(204).end()

  const readerId = readTraceCookie(
    req.cookies,
    traceCookieSettings(env.NEXTAUTH_URL, env.NEXTAUTH_SECRET),
  )
  if (!readerId) return handle()

  const path = new URL(req.url ?? '/', 'http://site.invalid').pathname
  const { request } = await runTraced(readerId, `${req.method} ${path}`, handle)
  try {
    const store = await getTraceStore(env.DATABASE_URL)
    await store.save(readerId, request)
  } catch (error) {
    // why: the trace is a teaching aid; losing one must not fail a sign-in.
    console.error(`[trace] not saved: ${error instanceof Error ? error.name : 'error'}`)
  }
}
