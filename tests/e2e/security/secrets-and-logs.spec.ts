import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'
import { EncryptJWT } from 'jose'

import { listDocRoutes } from '../../support/site-pages'
import type { SpawnedServer } from '../../support/spawn-server'
import { newDataDir, newSecret, spawnServer } from '../../support/spawn-server'

test.describe.configure({ mode: 'serial' })

const NEXTAUTH_SECRET = newSecret()
const BACKEND_JWT_SECRET = newSecret()
let server: SpawnedServer

test.beforeAll(async () => {
  server = await spawnServer({
    command: ['npx', 'next', 'start', '--port', '{port}'],
    env: (port) => ({
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET,
      BACKEND_JWT_SECRET,
      DATABASE_URL: `file:${join(newDataDir(), 'site.sqlite')}`,
    }),
    readyPath: '/api/auth/csrf',
  })
})

test.afterAll(async () => {
  await server?.stop()
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

test('no secret is in the client bundle, any page, an API answer or the server log', async ({
  request,
}) => {
  const secrets = [NEXTAUTH_SECRET, BACKEND_JWT_SECRET]
  for (const file of filesUnder(join(__dirname, '..', '..', '..', '.next', 'static'))) {
    const text = readFileSync(file, 'utf8')
    for (const secret of secrets) expect(text.includes(secret), file).toBe(false)
  }
  const paths = [
    ...listDocRoutes(),
    '/no-such-page',
    '/api/auth/session',
    '/api/auth/csrf',
    '/api/auth/providers',
    '/api/auth/error?error=Configuration',
    '/api/auth/signin',
    '/api/trace',
    '/api/trace/inspect',
  ]
  for (const path of paths) {
    const body = await (await request.get(`${server.origin}${path}`)).text()
    for (const secret of secrets) expect(body.includes(secret), path).toBe(false)
  }
  for (const secret of secrets) expect(server.output().includes(secret)).toBe(false)
})

test('tampered and foreign session cookies count as signed out and log one line each, at most', async ({
  request,
}) => {
  const foreign = await new EncryptJWT({ sub: 'intruder' })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .encrypt(new Uint8Array(32))
  const cookies = [
    foreign,
    'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    'not-a-jwe',
    `${foreign.slice(0, -4)}AAAA`,
  ]
  const before = server.output().length
  for (let round = 0; round < 10; round++) {
    for (const value of cookies) {
      const response = await request.get(`${server.origin}/api/auth/session`, {
        headers: { cookie: `next-auth.session-token=${value}` },
      })
      expect(response.status()).toBe(200)
      expect(await response.json()).toEqual({})
    }
  }
  const logged = server.output().slice(before).trim().split('\n').filter(Boolean)
  expect(logged.length).toBeGreaterThan(0)
  expect(logged.length).toBeLessThanOrEqual(10)
  for (const line of logged) expect(line).toMatch(/^\[next-auth\] JWT_SESSION_ERROR/)
  expect(server.output()).not.toMatch(/^\s+at /m)
})

test('posts to NextAuth’s unauthenticated _log endpoint reach neither the log nor the trace', async ({
  request,
}) => {
  const traced = await request.get(`${server.origin}/api/trace`)
  const cookie = (traced.headers()['set-cookie'] ?? '').split(';')[0] ?? ''
  expect(cookie).toMatch(/^handbook-trace=/)
  const log = await request.post(`${server.origin}/api/auth/_log`, {
    headers: { cookie },
    form: { level: 'error', code: 'FORGED', message: '<script>alert(1)</script>' },
  })
  expect(log.status()).toBe(204)
  const trace = await request.get(`${server.origin}/api/trace`, { headers: { cookie } })
  expect(await trace.json()).toEqual({ requests: [] })
  expect(server.output()).not.toContain('FORGED')
})

test('200 unauthenticated sign-outs with a poisoned callback-url cookie write a handful of lines at most', async ({
  request,
}) => {
  const csrf = await request.get(`${server.origin}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const csrfCookie = (csrf.headers()['set-cookie'] ?? '').split(';')[0] ?? ''
  const before = server.output().length
  // why: CR LF, percent-encoded as a client may send it, made NextAuth build a Location header
  // Node refuses: a 500 and a four-line stack trace for each post. The bad session cookie goes
  // through NextAuth's own logger.
  const poisons = [
    'next-auth.callback-url=%2Fguide%0D%0AX-Planted%3A%201',
    'next-auth.session-token=x',
  ]
  for (const poison of poisons) {
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          request.post(`${server.origin}/api/auth/signout`, {
            headers: { cookie: `${csrfCookie}; ${poison}` },
            form: { csrfToken },
            maxRedirects: 0,
          }),
        ),
      )
      for (const answer of answers) expect(answer.status(), poison).toBe(302)
    }
  }
  const logged = server.output().slice(before).trim().split('\n').filter(Boolean)
  expect(logged.length).toBeLessThanOrEqual(12)
  expect(server.output()).not.toMatch(/^\s+at /m)
})
