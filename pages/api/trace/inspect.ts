import type { NextApiRequest, NextApiResponse } from 'next'
import { getToken } from 'next-auth/jwt'

import { sessionCookieName } from '@/lib/auth/cookies'
import { getEnv } from '@/lib/env'
import { redact } from '@/lib/trace/redact'

/** Browsers refuse cookies over 4096 bytes; NextAuth splits its session cookie before that. */
const BROWSER_COOKIE_LIMIT_BYTES = 4096

/**
 * The token inspector: what is inside the caller's own encrypted session cookie, decrypted
 * here on the server (tokens redacted), and which NextAuth cookies the browser holds and how
 * big they are. The raw cookie values never leave the server.
 */
export default async function inspectRoute(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('cache-control', 'no-store')
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET')
    return res.status(405).json({ error: { code: 'method_not_allowed', message: 'Use GET.' } })
  }
  const env = getEnv()
  const claims = await getToken({
    req,
    secret: env.NEXTAUTH_SECRET,
    cookieName: sessionCookieName(env.NEXTAUTH_URL),
  }).catch(() => null)
  const cookies = Object.entries(req.cookies)
    .filter(([name]) => name.includes('next-auth.'))
    .map(([name, value = '']) => ({ name, bytes: Buffer.byteLength(`${name}=${value}`) }))
    .sort((a, b) => a.name.localeCompare(b.name))
  return res.status(200).json({
    claims: claims ? redact({ token: claims }) : null,
    cookies,
    cookieLimitBytes: BROWSER_COOKIE_LIMIT_BYTES,
  })
}
