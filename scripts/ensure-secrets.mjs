#!/usr/bin/env node
/**
 * Runs before `dev`, `build` and `start`: makes sure NEXTAUTH_SECRET and BACKEND_JWT_SECRET
 * exist, generating the missing ones into .env.local (git-ignored) so a fresh clone starts
 * with no manual step. When they are missing and .env.local cannot be written (a read-only
 * container, say), it refuses to go on instead of inventing a secret that would differ on
 * every start and sign everyone out.
 *
 * `node scripts/ensure-secrets.mjs --print` (npm run secret) prints a fresh secret and exits.
 */
import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import nextEnv from '@next/env'

const GENERATED_SECRETS = ['NEXTAUTH_SECRET', 'BACKEND_JWT_SECRET']
const ENV_FILE = '.env.local'

/** 32 random bytes, the size NextAuth's docs recommend (`openssl rand -base64 32`). */
function generateSecret() {
  return randomBytes(32).toString('base64url')
}

if (process.argv.includes('--print')) {
  console.log(generateSecret())
  process.exit(0)
}

const isDev = process.env.npm_lifecycle_event === 'predev'
nextEnv.loadEnvConfig(process.cwd(), isDev, { info() {}, error: console.error })

const missing = GENERATED_SECRETS.filter((name) => !process.env[name]?.trim())
if (missing.length === 0) process.exit(0)

const lines = missing.map((name) => `${name}=${generateSecret()}`).join('\n')
try {
  const current = existsSync(ENV_FILE) ? readFileSync(ENV_FILE, 'utf8') : ''
  const separator = current === '' || current.endsWith('\n') ? '' : '\n'
  appendFileSync(ENV_FILE, `${separator}${lines}\n`, { mode: 0o600 })
} catch (error) {
  console.error(
    `Refusing to start: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set, ` +
      `and ${ENV_FILE} cannot be written (${error.code ?? error.message}).\n` +
      `Set ${missing.join(' and ')} in the environment; \`npm run secret\` prints a fresh value. ` +
      'Several instances of the site must share the same values.',
  )
  process.exit(1)
}
console.log(
  `Generated ${missing.join(' and ')} into ${ENV_FILE} (git-ignored). ` +
    'Keep that file private; in production set the secrets in the environment instead.',
)
