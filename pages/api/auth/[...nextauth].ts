import type { NextApiRequest, NextApiResponse } from 'next'
import NextAuth from 'next-auth'

import { forwardedClientIp } from '@/demo-backend/http/client-ip'
import { callbackUrlsOf, isSameOriginCallbackUrl } from '@/lib/auth/callback-url'
import { getAuthOptions } from '@/lib/auth/options'
import { runForReader } from '@/lib/auth/reader-ip'
import { getEnv } from '@/lib/env'
import { runTraced } from '@/lib/trace/context'
import { readTraceCookie } from '@/lib/trace/cookie'
import { getTraceStore } from '@/lib/trace/store'

/**
 * NextAuth's REST API (`/api/auth/*`). Requests that carry the reader's trace cookie run
 * inside a trace, which is saved once NextAuth has answered; all others go straight through.
 */
export default async function authHandler(req: NextApiRequest, res: NextApiResponse) {
  const env = getEnv()
  // why: next-auth reads NEXTAUTH_URL from process.env itself; give it the validated default.
  process.env.NEXTAUTH_URL ??= env.NEXTAUTH_URL
  const siteOrigin = new URL(env.NEXTAUTH_URL).origin
  const callbackUrls = callbackUrlsOf(req.query, req.body)
  if (
    callbackUrls.some((url) => typeof url !== 'string' || !isSameOriginCallbackUrl(url, siteOrigin))
  ) {
    return res.status(400).json({
      error: {
        code: 'invalid_callback_url',
        message: 'callbackUrl must be a path or a URL on this site.',
      },
    })
  }
  const ip = forwardedClientIp(
    req.socket.remoteAddress,
    req.headers['x-forwarded-for'],
    env.TRUST_PROXY_HOPS,
  )
  const handle = () => runForReader(ip, () => NextAuth(req, res, getAuthOptions()))
  // why: `_log` lets anyone, unauthenticated, write lines into the server log through
  // NextAuth's logger. The browser's errors are not worth that: it is answered and dropped,
  // before it can reach the log or a trace.
  if (req.query.nextauth?.[0] === '_log') return res.status(204).end()

  const readerId = readTraceCookie(req.cookies)
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
