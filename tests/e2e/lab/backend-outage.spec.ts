import { rmSync } from 'node:fs'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'
import { decode } from 'next-auth/jwt'

import { REFRESH_MARGIN_MS } from '@reference-app/lib/refresh'

import { DEMO_ACCOUNT } from '../../../demo-backend/demo-account'
import type { TcpProxy } from '../../unit/backend/tcp-proxy'
import { startTcpProxy } from '../../unit/backend/tcp-proxy'
import type { SpawnedServer } from '../../support/spawn-server'
import { newDataDir, newSecret, spawnServer } from '../../support/spawn-server'

/**
 * The site with its backend elsewhere (`npm run backend`), reached through a relay this test
 * can cut: the backend going down in the middle of a session, then coming back.
 */
test.describe.configure({ mode: 'serial' })

const NEXTAUTH_SECRET = newSecret()
const BACKEND_JWT_SECRET = newSecret()
let dataDir: string
let backend: SpawnedServer
let proxy: TcpProxy
let site: SpawnedServer

test.beforeAll(async () => {
  test.setTimeout(120_000)
  dataDir = newDataDir()
  backend = await spawnServer({
    command: ['npx', 'tsx', 'scripts/serve-backend.ts'],
    env: (port) => ({
      BACKEND_PORT: String(port),
      BACKEND_JWT_SECRET,
      DATABASE_URL: `file:${join(dataDir, 'backend.sqlite')}`,
      ACCESS_TOKEN_LIFETIME_SECONDS: '10',
    }),
    readyPath: '/nope',
  })
  proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(backend.origin).port) })
  site = await spawnServer({
    command: ['npx', 'next', 'start', '--port', '{port}'],
    env: (port) => ({
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET,
      BACKEND_JWT_SECRET,
      DATABASE_URL: `file:${join(dataDir, 'site.sqlite')}`,
      BACKEND_URL: `http://127.0.0.1:${proxy.port}`,
    }),
    readyPath: '/api/auth/csrf',
  })
})

test.afterAll(async () => {
  await site?.stop()
  await proxy?.cut()
  await backend?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

test('a reader stays signed in while the backend is down during a refresh, and is refreshed once it is back', async ({
  page,
  context,
}) => {
  test.setTimeout(60_000)
  const tokenInCookie = async () => {
    const cookie = (await context.cookies()).find((c) => c.name === 'next-auth.session-token')
    return cookie ? decode({ token: cookie.value, secret: NEXTAUTH_SECRET }) : null
  }
  const csrf = await page.request.get(`${site.origin}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  await page.request.post(`${site.origin}/api/auth/callback/login`, {
    form: { csrfToken, email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, json: 'true' },
  })
  const signedIn = await tokenInCookie()
  expect(signedIn?.refreshToken).toBeTruthy()

  await proxy.cut()
  const due = (signedIn?.accessTokenExpires ?? 0) - REFRESH_MARGIN_MS
  await page.waitForTimeout(Math.max(0, due - Date.now()) + 500)

  const during = await (await page.request.get(`${site.origin}/api/auth/session`)).json()
  expect(during).toMatchObject({ user: { email: DEMO_ACCOUNT.email } })
  expect(during).not.toHaveProperty('error')
  expect((await tokenInCookie())?.refreshToken).toBe(signedIn?.refreshToken)
  await page.goto(`${site.origin}/lab`)
  await expect(page.getByTestId('navbar-session')).toContainText('Demo Reader')

  await proxy.restore()
  const after = await (await page.request.get(`${site.origin}/api/auth/session`)).json()
  expect(after).not.toHaveProperty('error')
  const refreshed = await tokenInCookie()
  expect(refreshed?.refreshToken).toBeTruthy()
  expect(refreshed?.refreshToken).not.toBe(signedIn?.refreshToken)
  expect(site.output()).not.toMatch(/^\s+at /m)
})
