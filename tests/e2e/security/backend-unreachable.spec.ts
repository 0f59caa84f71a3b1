import { join } from 'node:path'

import { expect, test } from '@playwright/test'

import { findFreePortSync } from '../../support/free-port'
import { labOf } from '../../support/lab'
import type { SpawnedServer } from '../../support/spawn-server'
import { newDataDir, newSecret, spawnServer } from '../../support/spawn-server'

let server: SpawnedServer

// why: a port that was free a moment ago: nothing answers there, as when the backend is down.
const DEAD_BACKEND = `http://127.0.0.1:${findFreePortSync()}`

test.beforeAll(async () => {
  server = await spawnServer({
    command: ['npx', 'next', 'start', '--port', '{port}'],
    env: (port) => ({
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: newSecret(),
      BACKEND_JWT_SECRET: newSecret(),
      DATABASE_URL: `file:${join(newDataDir(), 'site.sqlite')}`,
      BACKEND_URL: DEAD_BACKEND,
    }),
    readyPath: '/api/auth/csrf',
  })
})

test.afterAll(async () => {
  await server?.stop()
})

test('with the backend unreachable, a sign-in ends in a clear "unavailable" and the site keeps serving', async ({
  page,
}) => {
  await page.goto(`${server.origin}/lab`)
  const lab = labOf(page)
  await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(lab.result).toContainText('"error": "unavailable"')
  await expect(lab.result).toContainText('"status": 401')
  await expect(lab.announcement).toContainText('unavailable')
  await expect(lab.sessionStatus).toHaveText('unauthenticated')

  const session = await page.request.get(`${server.origin}/api/auth/session`)
  expect(session.status()).toBe(200)
  expect(server.output()).not.toMatch(/^\s+at /m)
})
