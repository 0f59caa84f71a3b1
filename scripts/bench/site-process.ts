import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

import { findFreePort } from './backend-process'

export type RunningSite = {
  origin: string
  databaseUrl: string
  /** The server process's resident memory in kB, read from /proc (Linux only). */
  residentKb(): number
  stop(): Promise<void>
}

/**
 * Starts the production build (`next start`) on a free loopback port with a database and
 * secrets of its own. Builds first when there is no build to reuse.
 */
export async function startSite(): Promise<RunningSite> {
  if (!existsSync(join(process.cwd(), '.next', 'BUILD_ID'))) {
    throw new Error('No production build: run `npm run build` first.')
  }
  const port = await findFreePort()
  const origin = `http://localhost:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-site-'))
  const databaseUrl = `file:${join(dataDir, 'site.sqlite')}`
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '--port', String(port)],
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
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
  process.once('exit', () => child.kill('SIGKILL'))
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
