import { randomBytes } from 'node:crypto'

import type { NextApiRequest, NextApiResponse } from 'next'
import { getToken } from 'next-auth/jwt'

import { sessionCookieName } from '@/lib/auth/cookies'
import { getEnv } from '@/lib/env'

/**
 * What rotating NEXTAUTH_SECRET would do to the caller's own session, tried for real: the
 * session cookie is decrypted with the current secret and with a freshly generated one.
 * Nothing is changed; the new secret is thrown away. Only outcomes are returned.
 */
export default async function rotateSecretRoute(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('cache-control', 'no-store')
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET')
    return res.status(405).json({ error: { code: 'method_not_allowed', message: 'Use GET.' } })
  }
  const { NEXTAUTH_SECRET, NEXTAUTH_URL } = getEnv()
  const cookieName = sessionCookieName(NEXTAUTH_URL)
  const current = await getToken({ req, secret: NEXTAUTH_SECRET, cookieName }).catch(() => null)
  if (!current) return res.status(200).json({ signedIn: false })
  // why: getToken returns null when decryption fails, exactly as NextAuth's session route
  // treats a cookie sealed with another secret: as no session at all.
  const rotated = await getToken({
    req,
    secret: randomBytes(32).toString('base64url'),
    cookieName,
  }).catch(() => null)
  return res.status(200).json({
    signedIn: true,
    withCurrentSecret: { decrypted: true, sub: current.sub ?? null },
    withRotatedSecret: { decrypted: rotated !== null },
  })
}
