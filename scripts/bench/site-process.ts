import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

import { findFreePort } from './backend-process'
import { stopWithItsData } from './on-termination'

export type RunningSite = {
  origin: string
  databaseUrl: string
  /** The server process's resident memory in kB, read from /proc (Linux only). */
  residentKb(): number
  stop(): Promise<void>
}

/**
 * Extra Node flags for the site's process from `BENCH_SITE_NODE_ARGS`, e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/profiles` to profile the server under a bench's load (Node refuses
 * `--cpu-prof` in NODE_OPTIONS).
 */
const siteNodeArgs = () => (process.env.BENCH_SITE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)

/**
 * Starts the production build (`next start`) on a free loopback port with a database and
 * secrets of its own, plus `extraEnv` (e.g. `TRUST_PROXY_HOPS`). Needs a build: `npm run bench`
 * makes one when there is none, or when the sources are newer (see ensure-build.ts).
 */
export async function startSite(extraEnv: Record<string, string> = {}): Promise<RunningSite> {
  if (!existsSync(join(process.cwd(), '.next', 'BUILD_ID'))) {
    throw new Error('No production build: run `npm run build` first.')
  }
  const port = await findFreePort()
  const origin = `http://localhost:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-site-'))
  const databaseUrl = `file:${join(dataDir, 'site.sqlite')}`
  const child = spawn(
    process.execPath,
    [...siteNodeArgs(), 'node_modules/next/dist/bin/next', 'start', '--port', String(port)],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        NEXTAUTH_URL: origin,
        NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
        BACKEND_JWT_SECRET: randomBytes(32).toString('base64url'),
        DATABASE_URL: databaseUrl,
        ...extraEnv,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  const stop = stopWithItsData(child, dataDir)
  const residentKb = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
  }
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (
      await fetch(`${origin}/api/auth/csrf`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { origin, databaseUrl, residentKb, stop }
    await sleep(200)
  }
  await stop()
  throw new Error('the site did not answer within 30 s')
}
