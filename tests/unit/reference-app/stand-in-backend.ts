import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { createBackend } from '@reference-app/backend/create-backend'
import { handleBackendRequest } from '@reference-app/backend/http'
import { readBody } from '@reference-app/backend/read-body'

/** scrypt at OWASP's cost, on a machine shared with other work: a sign-in can take seconds. */
export const STAND_IN_TIMEOUT_MS = 30_000

/** The stand-in's demo account, which exists as soon as the backend has started. */
export const DEMO_ACCOUNT = { email: 'demo@example.com', password: 'handbook demo password' }

/**
 * The reference app's stand-in backend, served over HTTP the way its API route serves it, on a
 * clock the test can move. Access tokens live one second, so every session read refreshes.
 */
export async function startStandInBackend(now: () => number) {
  // why: the demo accounts' passwords are hashed first, which takes a second or so.
  const instance = await createBackend({ accessTokenLifetimeSeconds: 1, now })
  const server = createServer((req, res) => {
    void handleBackendRequest(async () => instance, {
      route: (req.url ?? '').replace(/^\//, ''),
      method: req.method ?? 'GET',
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization,
      readBody: () => readBody(req),
    }).then((answer) => {
      res.writeHead(answer.status, answer.headers)
      res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body))
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

export type StandInBackend = Awaited<ReturnType<typeof startStandInBackend>>
