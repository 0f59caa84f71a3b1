import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { defineConfig, devices } from '@playwright/test'

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/support/chromium'
import { findFreePortSync } from './tests/support/free-port'

// why: the config is evaluated again in every worker; the values chosen by the main process
// travel to the workers through the environment, so all of them talk to the same server.
process.env.E2E_PORT ??= String(findFreePortSync())
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'handbook-e2e-'))
process.env.E2E_NEXTAUTH_SECRET ??= randomBytes(32).toString('base64url')
process.env.E2E_BACKEND_JWT_SECRET ??= randomBytes(32).toString('base64url')

const port = Number(process.env.E2E_PORT)
const baseURL = `http://localhost:${port}`

export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: true,
  // why: a stray `.only` would silently skip the rest of the suite, on a laptop as in CI.
  forbidOnly: true,
  // why: these machines are shared, and a neighbour's burst can stretch one browser step past its
  // timeout. One retry keeps such a burst from failing the whole run; a test that passes only on
  // its retry is still reported, as "flaky", in the summary, and one that fails twice fails.
  retries: 1,
  workers: 2,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    {
      name: 'desktop',
      grepInvert: /@phone-only/,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
    {
      name: 'phone',
      grep: /@phone/,
      use: { ...devices['Pixel 7'], channel: undefined },
    },
  ],
  webServer: {
    // The suite runs against the production build that `npm run test:e2e` made just before.
    command: `npx next start --port ${port}`,
    url: `${baseURL}/api/auth/csrf`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET,
      BACKEND_JWT_SECRET: process.env.E2E_BACKEND_JWT_SECRET,
      DATABASE_URL: `file:${join(process.env.E2E_DATA_DIR, 'e2e.sqlite')}`,
      // why: the API tests speak for many clients from one machine; each names its own IP in
      // X-Forwarded-For, as a reverse proxy would, so rate limits apply per test.
      TRUST_PROXY_HOPS: '1',
      // why: short enough that a test can watch the jwt callback refresh an expired token.
      ACCESS_TOKEN_LIFETIME_SECONDS: '10',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
})
