import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'

import { DEMO_ACCOUNT } from '../../../demo-backend/demo-account'
import {
  callBackend,
  expectError,
  expectRetryAfter,
  expectSession,
  newClientIp,
  newEmail,
  newPassword,
} from '../../support/backend-api'
import type { SpawnedServer } from '../../support/spawn-server'
import { newDataDir, startSiteServer } from '../../support/spawn-server'
import { holdSqliteWriteLock } from '../../support/sqlite-locker'

// why: each test here breaks a database on purpose, so each gets a server and a database of
// its own; the shared test server, and the tests that run beside these, never notice.
test.describe.configure({ mode: 'serial', timeout: 90_000 })

let server: SpawnedServer | undefined

test.afterEach(async () => {
  const testInfo = test.info()
  if (server && testInfo.status !== testInfo.expectedStatus)
    await testInfo.attach('server output', { body: server.output(), contentType: 'text/plain' })
  await server?.stop()
  server = undefined
})

const demoLogin = { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }
const demoUser = { email: DEMO_ACCOUNT.email, name: DEMO_ACCOUNT.name }

test('a database locked for longer than the busy timeout gives 503 unavailable, and the next log-in after it is released succeeds', async ({
  request,
}) => {
  const dataDir = newDataDir()
  const file = join(dataDir, 'locked.sqlite')
  server = await startSiteServer(`file:${file}`)
  const { origin } = server

  // The first request creates, migrates and seeds the database.
  await expectSession(
    await callBackend(request, 'login', { origin, ip: newClientIp(), json: demoLogin }),
    200,
    demoUser,
  )

  const locker = new Database(file, { timeout: 500 })
  try {
    locker.exec('BEGIN EXCLUSIVE')
    const started = Date.now()
    const [login, signup] = await Promise.all([
      callBackend(request, 'login', { origin, ip: newClientIp(), json: demoLogin }),
      callBackend(request, 'signup', {
        origin,
        ip: newClientIp(),
        json: { email: newEmail('locked'), password: newPassword() },
      }),
    ])
    // why: the server retries for up to 2 s (SQLITE_LOCK_WAIT_MS) before it gives up.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500)
    for (const response of [login, signup]) {
      await expectError(response, 503, 'unavailable')
      expectRetryAfter(response, 60)
    }
    // Keep the lock a little longer than one busy timeout after the answers, as a stuck
    // writer would; the server must not wedge while it waits.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  } finally {
    if (locker.inTransaction) locker.exec('ROLLBACK')
    locker.close()
  }

  await expectSession(
    await callBackend(request, 'login', { origin, ip: newClientIp(), json: demoLogin }),
    200,
    demoUser,
  )
  const email = newEmail('after-lock')
  await expectSession(
    await callBackend(request, 'signup', {
      origin,
      ip: newClientIp(),
      json: { email, password: newPassword() },
    }),
    201,
    { email, name: null },
  )
  rmSync(dataDir, { recursive: true, force: true })
})

test('while another process holds the write lock for 3 s, /me keeps answering at once and log-ins succeed or answer 503, never a 500', async ({
  request,
}) => {
  const dataDir = newDataDir()
  const file = join(dataDir, 'held.sqlite')
  server = await startSiteServer(`file:${file}`)
  const { origin } = server
  const session = await expectSession(
    await callBackend(request, 'login', { origin, ip: newClientIp(), json: demoLogin }),
    200,
    demoUser,
  )
  const me = async () => {
    const started = performance.now()
    const response = await fetch(`${origin}/api/backend/me`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    })
    await response.arrayBuffer()
    expect(response.status).toBe(200)
    return performance.now() - started
  }
  await me()

  const lock = await holdSqliteWriteLock(file, 3_000)
  const logins = Array.from({ length: 3 }, () =>
    callBackend(request, 'login', { origin, ip: newClientIp(), json: demoLogin }),
  )
  const meTimes: number[] = []
  for (let probe = 0; probe < 10; probe++) {
    meTimes.push(await me())
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  for (const response of await Promise.all(logins)) {
    if (response.status() === 200) {
      await expectSession(response, 200, demoUser)
    } else {
      await expectError(response, 503, 'unavailable')
      expectRetryAfter(response, 60)
    }
  }
  // why: before, each write waited for the lock on the server's only thread: /me took 2 s.
  expect(Math.max(...meTimes), `/me took ${meTimes.map(Math.round).join(', ')} ms`).toBeLessThan(
    300,
  )

  await lock.released
  await expectSession(
    await callBackend(request, 'login', { origin, ip: newClientIp(), json: demoLogin }),
    200,
    demoUser,
  )
  rmSync(dataDir, { recursive: true, force: true })
})

test('a database that cannot be opened gives 503 unavailable, and the server recovers by itself once it can', async ({
  request,
}) => {
  const dataDir = newDataDir()
  // why: a plain file where the database's folder should be: the server cannot create it.
  const blocked = join(dataDir, 'not-a-folder')
  writeFileSync(blocked, 'in the way')
  server = await startSiteServer(`file:${join(blocked, 'handbook.sqlite')}`)
  const { origin } = server

  for (let attempt = 0; attempt < 2; attempt++) {
    const response = await callBackend(request, 'login', {
      origin,
      ip: newClientIp(),
      json: demoLogin,
    })
    await expectError(response, 503, 'unavailable')
    expectRetryAfter(response, 60)
  }

  rmSync(blocked)
  mkdirSync(blocked)
  await expectSession(
    await callBackend(request, 'login', { origin, ip: newClientIp(), json: demoLogin }),
    200,
    demoUser,
  )
  rmSync(dataDir, { recursive: true, force: true })
})
