import { expect, test } from '@playwright/test'

import { labOf } from '../../support/lab'
import type { SpawnedServer } from '../../support/spawn-server'
import { newSecret, spawnServer } from '../../support/spawn-server'
import type { TestDatabase } from '../../support/test-databases'
import { createTestDatabase } from '../../support/test-databases'
import { scrollToWidget } from '../../support/widgets'

test.describe.configure({ mode: 'serial' })

let database: TestDatabase
const servers: SpawnedServer[] = []

// Two `next start` processes sharing one PostgreSQL and the same secrets, as behind a load
// balancer. Browsers scope cookies by host, not port, so one browser carries its cookies to both.
test.beforeAll(async () => {
  database = await createTestDatabase('postgres')
  const shared = { NEXTAUTH_SECRET: newSecret(), BACKEND_JWT_SECRET: newSecret() }
  for (let instance = 0; instance < 2; instance++) {
    servers.push(
      await spawnServer({
        command: ['npx', 'next', 'start', '--port', '{port}'],
        env: (port) => ({
          ...shared,
          NEXTAUTH_URL: `http://localhost:${port}`,
          DATABASE_URL: database.url,
          TRUST_PROXY_HOPS: '1',
        }),
        readyPath: '/api/auth/csrf',
        timeoutMs: 60_000,
      }),
    )
  }
})

test.afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()))
  await database?.drop()
})

test('a reader signed in on one instance has the same session and trace on the other', async ({
  page,
}) => {
  const [first, second] = servers
  if (!first || !second) throw new Error('two servers expected')

  await page.goto(`${first.origin}/lab`)
  const onFirst = labOf(page)
  await onFirst.lab.getByRole('button', { name: 'Use the demo account' }).click()
  await expect(onFirst.sessionStatus).toHaveText('authenticated')

  await page.goto(`${second.origin}/lab`)
  const onSecond = labOf(page)
  await expect(onSecond.sessionStatus).toHaveText('authenticated')
  await expect(page.getByTestId('navbar-session')).toContainText('Demo Reader')
  await scrollToWidget(onSecond.trace)
  await expect(
    onSecond.trace.getByRole('region', { name: 'POST /api/auth/callback/login' }),
    // why: two servers and a browser on two shared cores; the panel polls once a second.
  ).toBeVisible({ timeout: 20_000 })
})

test('rate limits counted on one instance hold on the other', async ({ request }) => {
  const [first, second] = servers
  if (!first || !second) throw new Error('two servers expected')
  const ip = { 'x-forwarded-for': '2001:db8::1:2' }
  const body = { email: 'demo@example.com', password: 'a wrong password for the demo' }
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = attempt % 2 === 0 ? first : second
    const response = await request.post(`${target.origin}/api/backend/login`, {
      headers: ip,
      data: body,
    })
    expect(response.status()).toBe(401)
  }
  const blocked = await request.post(`${second.origin}/api/backend/login`, {
    headers: ip,
    data: { ...body, password: 'handbook demo password' },
  })
  expect(blocked.status()).toBe(429)
})
