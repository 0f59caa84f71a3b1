import type { NextApiRequest, NextApiResponse } from 'next'
import NextAuth from 'next-auth'

import { getAuthOptions } from '@/lib/auth/options'
import { getEnv } from '@/lib/env'

/** NextAuth's REST API (`/api/auth/*`), configured by the site's one set of auth options. */
export default function authHandler(req: NextApiRequest, res: NextApiResponse) {
  // why: next-auth reads NEXTAUTH_URL from process.env itself; give it the validated default.
  process.env.NEXTAUTH_URL ??= getEnv().NEXTAUTH_URL
  return NextAuth(req, res, getAuthOptions())
}
