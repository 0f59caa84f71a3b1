/**
 * `npm run backend`: the demo backend as a plain Node HTTP server, without Next.js, on
 * BACKEND_PORT (default 4000). Point the site's BACKEND_URL at it to watch the site sign
 * readers in against a backend that is not the site.
 */
import { createServer } from 'node:http'

import { loadEnvConfig } from '@next/env'

import { serveNodeRequest } from '../demo-backend/http/node-adapter'
import { getBackend } from '../lib/backend'
import { InvalidEnvError, parseBackendEnv } from '../lib/env'

loadEnvConfig(process.cwd())

function readEnv() {
  try {
    return parseBackendEnv(process.env)
  } catch (error) {
    if (!(error instanceof InvalidEnvError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

const env = readEnv()
const ROUTE_PREFIX = '/'

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://backend.invalid').pathname
  const route = path.startsWith(ROUTE_PREFIX) ? path.slice(ROUTE_PREFIX.length) : ''
  void serveNodeRequest(() => getBackend(env), request, response, route, {
    trustProxyHops: env.TRUST_PROXY_HOPS,
    clientIpSecret: env.BACKEND_JWT_SECRET,
  })
})

server.listen(env.BACKEND_PORT, () => {
  console.log(
    `Demo backend listening on http://localhost:${env.BACKEND_PORT} (POST /login, /signup, /refresh, /logout; GET /me)`,
  )
})
