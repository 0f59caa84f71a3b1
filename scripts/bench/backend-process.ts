import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

import { stopWithItsData } from './on-termination'

const READY_TIMEOUT_MS = 30_000

export type RunningBackend = {
  /** Loopback origin of the server, e.g. http://127.0.0.1:41234. */
  origin: string
  /** Stops the server and removes its database. Safe to call more than once. */
  stop(): Promise<void>
}

/** A port that was free a moment ago on the loopback interface. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

async function waitUntilAnswering(
  child: ChildProcess,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`backend exited with code ${child.exitCode}`)
    if (await ready().catch(() => false)) return
    await sleep(200)
  }
  throw new Error(`backend did not answer within ${READY_TIMEOUT_MS / 1000} s`)
}

/**
 * Starts `scripts/serve-backend.ts` as a child process on a free port, with a database and a
 * JWT secret of its own, and resolves once `ready(origin)` says it answers.
 * why: the child is killed on every way out of this process (normal exit, an uncaught error,
 * Ctrl-C), or a stray server would keep its port and its CPU after the bench is gone.
 */
export async function startBackend(
  ready: (origin: string) => Promise<boolean>,
): Promise<RunningBackend> {
  const port = await findFreePort()
  const origin = `http://127.0.0.1:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-backend-'))
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve-backend.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      BACKEND_PORT: String(port),
      DATABASE_URL: `file:${join(dataDir, 'bench.sqlite')}`,
      BACKEND_JWT_SECRET: randomBytes(32).toString('base64url'),
      TRUST_PROXY_HOPS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })

  const stop = stopWithItsData(child, dataDir)

  try {
    await waitUntilAnswering(child, () => ready(origin))
  } catch (error) {
    await stop()
    throw error
  }
  return { origin, stop }
}
