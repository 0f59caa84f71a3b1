import { join } from 'node:path'
import { rmSync } from 'node:fs'

import { expect, test } from '@playwright/test'

import { DEMO_ACCOUNT } from '../../../demo-backend/demo-account'
import { callBackend, expectError, expectSession, newClientIp } from '../../support/backend-api'
import type { SpawnedServer } from '../../support/spawn-server'
import { newDataDir, startStandaloneBackend } from '../../support/spawn-server'

// `npm run backend`: the same contract from a plain Node server, without Next.js, at the root.
test.describe.configure({ mode: 'serial' })

let server: SpawnedServer | undefined
let dataDir: string | undefined

test.beforeAll(async () => {
  test.setTimeout(90_000)
  dataDir = newDataDir()
  server = await startStandaloneBackend(`file:${join(dataDir, 'standalone.sqlite')}`)
})

test.afterAll(async () => {
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

test.afterEach(async () => {
  const testInfo = test.info()
  if (server && testInfo.status !== testInfo.expectedStatus)
    await testInfo.attach('server output', { body: server.output(), contentType: 'text/plain' })
})

const standalone = () => ({ origin: server?.origin ?? '', prefix: '' })

test('the standalone backend logs the demo account in with the same answer shape', async ({
  request,
}) => {
  const response = await callBackend(request, 'login', {
    ...standalone(),
    ip: newClientIp(),
    json: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
  })
  const session = await expectSession(response, 200, {
    email: DEMO_ACCOUNT.email,
    name: DEMO_ACCOUNT.name,
  })

  const me = await callBackend(request, 'me', {
    ...standalone(),
    ip: newClientIp(),
    bearer: session.accessToken,
  })
  expect(me.status()).toBe(200)
  expect(await me.json()).toStrictEqual({ user: session.user })
})

test('the standalone backend answers an unknown path with 404 not_found', async ({ request }) => {
  await expectError(
    await callBackend(request, 'nope', { ...standalone(), ip: newClientIp(), method: 'GET' }),
    404,
    'not_found',
  )
  // The site's prefix is not part of the standalone server's paths.
  await expectError(
    await callBackend(request, 'api/backend/login', {
      ...standalone(),
      ip: newClientIp(),
      json: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
    }),
    404,
    'not_found',
  )
})

test('the standalone backend answers a wrong method with 405 and Allow, and bad input with 400', async ({
  request,
}) => {
  const wrongMethod = await callBackend(request, 'login', {
    ...standalone(),
    ip: newClientIp(),
    method: 'GET',
  })
  await expectError(wrongMethod, 405, 'method_not_allowed')
  expect(wrongMethod.headers().allow).toBe('POST')

  await expectError(
    await callBackend(request, 'login', {
      ...standalone(),
      ip: newClientIp(),
      body: 'not json',
      contentType: 'application/json',
    }),
    400,
    'invalid_input',
  )
})
