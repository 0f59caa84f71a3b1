import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { findFreePortSync } from './free-port'

const PROJECT_ROOT = join(__dirname, '..', '..')

export type SpawnedServer = {
  origin: string
  /** Everything the server printed so far, for a failure message. */
  output(): string
  stop(): Promise<void>
}

/** A fresh directory for a spawned server's database. */
export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'handbook-backend-e2e-'))
}

/** A secret of 43 characters, as `npm run secret` makes. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // The group has already gone.
  }
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
}

async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output()}`)
    try {
      await fetch(url)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  throw new Error(`the server did not answer ${url} within ${timeoutMs} ms:\n${output()}`)
}

/**
 * Starts a server of this project (`next start`, or the standalone backend) on a free port,
 * with the given environment on top of this process's, and waits until `readyPath` answers.
 * why: `npx` starts the real server as its child; the server runs in its own process group
 * so `stop()` ends both, and nothing else.
 */
export async function spawnServer(options: {
  command: string[]
  env: (port: number) => Record<string, string>
  readyPath: string
  timeoutMs?: number
  /** The directory to run in; this project's root unless given. */
  cwd?: string
}): Promise<SpawnedServer> {
  const port = findFreePortSync()
  const origin = `http://localhost:${port}`
  const [file, ...args] = options.command.map((part) => part.replace('{port}', String(port)))
  if (!file) throw new Error('spawnServer needs a command')
  const child = spawn(file, args, {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...options.env(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let printed = ''
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()))
  const output = () => printed

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
    const exited = exitOf(child)
    const pid = child.pid
    killGroup(pid, 'SIGTERM')
    const killer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000)
    await exited
    clearTimeout(killer)
  }

  try {
    await waitUntilAnswering(
      `${origin}${options.readyPath}`,
      child,
      output,
      options.timeoutMs ?? 45_000,
    )
  } catch (error) {
    await stop()
    throw error
  }
  return { origin, output, stop }
}

/**
 * The site's production build (`next start`) on its own port and database, with the same
 * settings as the server in playwright.config.ts. For tests that must not disturb that one.
 */
export function startSiteServer(
  databaseUrl: string,
  /** A built copy of the site to serve (tests/support/site-copy.ts); this project by default. */
  cwd?: string,
): Promise<SpawnedServer> {
  return spawnServer({
    command: ['npx', 'next', 'start', '--port', '{port}'],
    cwd,
    env: (port) => ({
      // why: Vitest runs with NODE_ENV=test, which `next start` must not inherit.
      NODE_ENV: 'production',
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: newSecret(),
      BACKEND_JWT_SECRET: newSecret(),
      DATABASE_URL: databaseUrl,
      TRUST_PROXY_HOPS: '1',
    }),
    // why: answers without touching the database, which some tests want unreachable.
    readyPath: '/api/backend/nope',
  })
}

/** The standalone backend (`npm run backend`) on its own port and database. */
export function startStandaloneBackend(databaseUrl: string): Promise<SpawnedServer> {
  return spawnServer({
    command: ['npx', 'tsx', 'scripts/serve-backend.ts'],
    env: (port) => ({
      BACKEND_PORT: String(port),
      BACKEND_JWT_SECRET: newSecret(),
      DATABASE_URL: databaseUrl,
      TRUST_PROXY_HOPS: '1',
    }),
    readyPath: '/nope',
  })
}
