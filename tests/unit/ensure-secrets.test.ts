import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'ensure-secrets.mjs')

function runIn(cwd: string, args: string[] = [], env: Record<string, string> = {}) {
  const cleanEnv = { PATH: process.env.PATH ?? '', NODE_ENV: 'production' as const, ...env }
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd, env: cleanEnv, encoding: 'utf8' })
}

function readSecrets(dir: string): Record<string, string> {
  const text = readFileSync(join(dir, '.env.local'), 'utf8')
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => line.split('=', 2)),
  )
}

describe('scripts/ensure-secrets.mjs', () => {
  it('generates both secrets into .env.local on a fresh checkout and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'))
    const run = runIn(dir)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('Generated NEXTAUTH_SECRET and BACKEND_JWT_SECRET')
    const secrets = readSecrets(dir)
    expect(secrets.NEXTAUTH_SECRET).toMatch(/^[\w-]{43}$/)
    expect(secrets.BACKEND_JWT_SECRET).toMatch(/^[\w-]{43}$/)
    expect(secrets.NEXTAUTH_SECRET).not.toBe(secrets.BACKEND_JWT_SECRET)
  })

  it('keeps the secrets it generated on the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'))
    runIn(dir)
    const first = readSecrets(dir)
    const second = runIn(dir)
    expect(second.status).toBe(0)
    expect(second.stdout).toBe('')
    expect(readSecrets(dir)).toEqual(first)
  })

  it('adds only the missing secret and keeps what .env.local already had', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'))
    writeFileSync(join(dir, '.env.local'), 'NEXTAUTH_URL=http://localhost:3000')
    const run = runIn(dir, [], { NEXTAUTH_SECRET: 'x'.repeat(40) })
    expect(run.stdout).toContain('Generated BACKEND_JWT_SECRET into .env.local')
    const secrets = readSecrets(dir)
    expect(secrets.NEXTAUTH_URL).toBe('http://localhost:3000')
    expect(secrets.NEXTAUTH_SECRET).toBeUndefined()
    expect(secrets.BACKEND_JWT_SECRET).toMatch(/^[\w-]{43}$/)
  })

  it('refuses to start, naming the variables, when it cannot write .env.local', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'))
    // why: tests may run as root, who can write anywhere; a directory in the file's place
    // makes the write fail for everyone.
    mkdirSync(join(dir, '.env.local'))
    const run = runIn(dir)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('Refusing to start: NEXTAUTH_SECRET and BACKEND_JWT_SECRET')
    expect(run.stderr).toContain('npm run secret')
  })

  it('prints a fresh 32-byte secret with --print', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'))
    const first = runIn(dir, ['--print']).stdout.trim()
    const second = runIn(dir, ['--print']).stdout.trim()
    expect(Buffer.from(first, 'base64url')).toHaveLength(32)
    expect(first).not.toBe(second)
  })
})
