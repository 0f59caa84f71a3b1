import { join } from 'node:path'

import { expect, test } from '@playwright/test'
import { encode } from 'next-auth/jwt'

import type { SpawnedServer } from '../../support/spawn-server'
import { newDataDir, newSecret, spawnServer } from '../../support/spawn-server'

const NEXTAUTH_SECRET = newSecret()
let server: SpawnedServer
let publicOrigin: string

// The server believes it is served at an https origin (as behind a TLS proxy), so NextAuth
// and the site issue production cookies; the test speaks plain HTTP to it on loopback.
test.beforeAll(async () => {
  server = await spawnServer({
    command: ['npx', 'next', 'start', '--port', '{port}'],
    env: (port) => {
      publicOrigin = `https://localhost:${port}`
      return {
        NEXTAUTH_URL: publicOrigin,
        NEXTAUTH_SECRET,
        BACKEND_JWT_SECRET: newSecret(),
        DATABASE_URL: `file:${join(newDataDir(), 'site.sqlite')}`,
        BACKEND_URL: `http://localhost:${port}/api/backend`,
      }
    },
    readyPath: '/api/backend/nope',
  })
})

test.afterAll(async () => {
  await server?.stop()
})

test('on https, NextAuth’s cookies carry the __Host- and __Secure- prefixes and Secure', async ({
  request,
}) => {
  const csrf = await request.get(`${server.origin}/api/auth/csrf`)
  const setCookies = csrf
    .headersArray()
    .filter(({ name }) => name.toLowerCase() === 'set-cookie')
    .map(({ value }) => value)
  const csrfCookie = setCookies.find((cookie) => cookie.startsWith('__Host-next-auth.csrf-token='))
  expect(csrfCookie).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax/i)
  const callbackCookie = setCookies.find((cookie) =>
    cookie.startsWith('__Secure-next-auth.callback-url='),
  )
  expect(callbackCookie).toMatch(/Secure/)

  const trace = await request.get(`${server.origin}/api/trace`)
  expect(trace.headers()['set-cookie']).toMatch(
    /^handbook-trace=[^;]+;.*HttpOnly; Secure; SameSite=Lax/,
  )
})

test('an expired session token counts as signed out', async ({ request }) => {
  const expired = await encode({
    token: { sub: 'someone', name: 'Old' },
    secret: NEXTAUTH_SECRET,
    maxAge: -120,
  })
  const fresh = await encode({
    token: { sub: 'someone', name: 'Now' },
    secret: NEXTAUTH_SECRET,
    maxAge: 60,
  })
  const ask = (token: string) =>
    request.get(`${server.origin}/api/auth/session`, {
      headers: { cookie: `__Secure-next-auth.session-token=${token}` },
    })
  expect(await (await ask(expired)).json()).toEqual({})
  // why: the control, so the test cannot pass because every token is refused.
  expect(await (await ask(fresh)).json()).toMatchObject({ user: { id: 'someone', name: 'Now' } })
})
