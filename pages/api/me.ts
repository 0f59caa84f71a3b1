import type { NextApiRequest, NextApiResponse } from 'next'
import { getServerSession } from 'next-auth/next'

import { isSignedIn } from '@reference-app/lib/signed-in'

import { getAuthOptions } from '@/lib/auth/options'

/**
 * A protected API route, as the protecting-pages chapter describes: the session is checked on
 * the server, with the same options as the NextAuth route, before anything is answered.
 */
export default async function meRoute(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('cache-control', 'no-store')
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET')
    return res.status(405).json({ error: { code: 'method_not_allowed', message: 'Use GET.' } })
  }
  const session = await getServerSession(req, res, getAuthOptions())
  // why: after the backend refused a refresh the cookie still decodes; that is signed out too.
  if (!isSignedIn(session)) {
    return res
      .status(401)
      .json({ error: { code: 'unauthenticated', message: 'Sign in to see this.' } })
  }
  return res.status(200).json({ user: session.user, expires: session.expires })
}
