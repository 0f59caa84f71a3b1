import { once } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One answer of the scripted backend: a status, headers and a body, or `hang` to never answer. */
export type ScriptedAnswer =
  { status: number; body?: unknown; raw?: string; headers?: Record<string, string> } | 'hang'

type Call = { path: string; body: unknown }

/**
 * A real HTTP server standing in for the backend, whose answers a test chooses per path:
 * the reference app's client talks to it over a socket exactly as to a real backend, so a
 * 503, a hang or a body that is not JSON reaches it the way it would in production.
 */
export async function startScriptedBackend() {
  const answers = new Map<string, ScriptedAnswer[]>()
  const calls: Call[] = []
  const pending = new Set<ServerResponse>()

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const path = req.url ?? '/'
    calls.push({ path, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') })
    const answer = answers.get(path)?.shift()
    if (!answer) return void res.writeHead(500).end('no answer scripted for ' + path)
    if (answer === 'hang') return void pending.add(res)
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
    res.end(answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)))
  }

  const server = createServer((req, res) => void handle(req, res))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    /** Queues answers for `path`, used in order, one per call. */
    answer(path: string, ...queued: ScriptedAnswer[]) {
      answers.set(path, [...(answers.get(path) ?? []), ...queued])
    },
    async close() {
      for (const res of pending) res.destroy()
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

export type ScriptedBackend = Awaited<ReturnType<typeof startScriptedBackend>>

/** A contract-shaped success, with tokens numbered so a test can tell them apart. */
export function tokens(n: number, accessTokenExpires: number, role = 'reader') {
  return {
    user: { id: 'user-1', email: 'ada@example.com', name: 'Ada', role },
    accessToken: `access-${n}`,
    accessTokenExpires,
    refreshToken: `refresh-${n}`,
  }
}

export const refused = (code: string, status: number) => ({
  status,
  body: { error: { code, message: 'A fixed sentence.' } },
})
