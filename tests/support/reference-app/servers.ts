import { rmSync } from 'node:fs'
import { join } from 'node:path'

import type { TcpProxy } from '../../unit/backend/tcp-proxy'
import { startTcpProxy } from '../../unit/backend/tcp-proxy'
import type { SpawnedServer } from '../spawn-server'
import { newDataDir, newSecret, spawnServer } from '../spawn-server'
import { NEXT_BIN, PRODUCTION, PROJECT_ROOT } from '../whole-app'

/** The backend's access-token lifetime here: the shortest it allows, so a test sees it expire. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 10

const TSX_CLI = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

/** The reference app in front of the demo backend, with a cable between them a test can cut. */
export type ReferenceStack = {
  /** The built reference app under `next start`. */
  app: SpawnedServer
  /** The demo backend, reached directly; the app reaches it through `proxy`. */
  backend: SpawnedServer
  /** Between the app and the backend: `cut()` is the backend going down for the app. */
  proxy: TcpProxy
  /** The app's NEXTAUTH_SECRET, to read the session cookie a browser holds. */
  nextAuthSecret: string
  stop(): Promise<void>
}

function startDemoBackend(dataDir: string): Promise<SpawnedServer> {
  return spawnServer({
    command: [process.execPath, TSX_CLI, 'scripts/serve-backend.ts'],
    env: (port) => ({
      BACKEND_PORT: String(port),
      BACKEND_JWT_SECRET: newSecret(),
      DATABASE_URL: `file:${join(dataDir, 'backend.sqlite')}`,
      ACCESS_TOKEN_LIFETIME_SECONDS: String(ACCESS_TOKEN_LIFETIME_SECONDS),
      // why: every request comes from the app on this machine; no proxy header is trusted.
      TRUST_PROXY_HOPS: '0',
    }),
    readyPath: '/nope',
  })
}

/**
 * Starts the demo backend (`npm run backend`) on a fresh SQLite file, a TCP proxy in front of
 * it, and the built reference app in `appDir` with BACKEND_URL pointing at the proxy.
 */
export async function startReferenceStack(appDir: string): Promise<ReferenceStack> {
  const dataDir = newDataDir()
  const stops: Array<() => Promise<void>> = [
    async () => rmSync(dataDir, { recursive: true, force: true }),
  ]
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step()
  }

  try {
    const backend = await startDemoBackend(dataDir)
    stops.push(() => backend.stop())
    const proxy = await startTcpProxy({
      host: '127.0.0.1',
      port: Number(new URL(backend.origin).port),
    })
    stops.push(() => proxy.cut())
    const nextAuthSecret = newSecret()
    const app = await spawnServer({
      cwd: appDir,
      command: [process.execPath, NEXT_BIN, 'start', '--port', '{port}'],
      env: (port) => ({
        ...PRODUCTION,
        NEXTAUTH_URL: `http://localhost:${port}`,
        NEXTAUTH_SECRET: nextAuthSecret,
        BACKEND_URL: `http://127.0.0.1:${proxy.port}`,
      }),
      readyPath: '/api/auth/providers',
    })
    stops.push(() => app.stop())
    return { app, backend, proxy, nextAuthSecret, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
