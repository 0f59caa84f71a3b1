import type { NextApiRequest, NextApiResponse } from 'next'

import { serveNodeRequest } from '@/demo-backend/http/node-adapter'
import { getBackend } from '@/lib/backend'
import { getEnv } from '@/lib/env'

// why: the adapter reads the raw body itself, to enforce the 16 kB limit and answer bad
// JSON with the contract's own error instead of Next.js's.
export const config = { api: { bodyParser: false } }

/** The demo backend's HTTP contract under /api/backend/{signup,login,refresh,me,logout}. */
export default function backendRoute(req: NextApiRequest, res: NextApiResponse) {
  const env = getEnv()
  const route = typeof req.query.route === 'string' ? req.query.route : ''
  return serveNodeRequest(() => getBackend(env), req, res, route, {
    trustProxyHops: env.TRUST_PROXY_HOPS,
    clientIpSecret: env.BACKEND_JWT_SECRET,
  })
}
