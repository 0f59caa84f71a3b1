import { monitorEventLoopDelay } from 'node:perf_hooks'

import Database from 'better-sqlite3'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'

import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '@/demo-backend/core/create-backend'
import { SQLITE_LOCK_WAIT_MS } from '@/demo-backend/db/sqlite-driver'
import { DEMO_ACCOUNT } from '@/demo-backend/demo-account'
import { holdSqliteWriteLock } from '@/tests/support/sqlite-locker'
import { expectSuccess, loginInput, signupInput, useBackendHarness } from './harness'
import { startTcpProxy } from './tcp-proxy'

const CLIENT = { ip: '198.51.100.6' }
const UNAVAILABLE = {
  ok: false,
  code: 'unavailable',
  retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
}
const demoLogin = loginInput({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password })

// why: the backend logs one line per failure for operators; keep the test output readable,
// and check that something was logged at all.
let logged: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  logged = vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('when PostgreSQL goes away and comes back', () => {
  const harness = useBackendHarness('postgres')

  /** A proxy in front of the test database, and the database's URL through it. */
  async function proxiedDatabase() {
    const direct = new URL(harness.databaseUrl())
    const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) })
    // why: onTestFinished runs after afterEach, so the backends close before the proxy does.
    onTestFinished(() => proxy.cut())
    const proxied = new URL(direct)
    proxied.hostname = '127.0.0.1'
    proxied.port = String(proxy.port)
    return { proxy, url: proxied.toString() }
  }

  it('answers unavailable without throwing, then works again without a restart', async () => {
    const { proxy, url } = await proxiedDatabase()
    const backend = await harness.start({ databaseUrl: url })
    const session = expectSuccess(await backend.login(demoLogin, CLIENT))

    await proxy.cut()
    const whileDown = [
      await backend.signup(signupInput({ email: 'ada@example.com' }), CLIENT),
      await backend.login(demoLogin, CLIENT),
      await backend.refresh(session.refreshToken),
      await backend.me(session.accessToken),
      await backend.logout(session.refreshToken),
      await backend.purgeExpiredAccounts(),
    ]
    for (const result of whileDown) expect(result).toStrictEqual(UNAVAILABLE)
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^\[backend\] unavailable/))

    await proxy.restore()
    expectSuccess(await backend.signup(signupInput({ email: 'ada@example.com' }), CLIENT))
    expectSuccess(await backend.login(demoLogin, CLIENT))
    expectSuccess(await backend.refresh(session.refreshToken))
  })

  it(
    'ends a statement blocked by another connection’s row lock in unavailable instead of waiting for it',
    { timeout: 20_000 },
    async () => {
      const backend = await harness.start()
      const session = expectSuccess(await backend.login(demoLogin, CLIENT))
      const locker = new pg.Client({ connectionString: harness.databaseUrl() })
      await locker.connect()
      onTestFinished(() => locker.end())
      await locker.query('begin')
      await locker.query('select id from refresh_tokens for update')
      // why: were the backend to wait for the lock, the test still ends (and fails) here.
      const release = setTimeout(() => void locker.query('rollback'), 8_000)
      onTestFinished(() => clearTimeout(release))

      const started = performance.now()
      expect(await backend.refresh(session.refreshToken)).toStrictEqual(UNAVAILABLE)
      expect(performance.now() - started).toBeLessThan(4_000)
      // Reads need no row lock: the same user is still served meanwhile.
      expectSuccess(await backend.me(session.accessToken))

      clearTimeout(release)
      await locker.query('rollback')
      expectSuccess(await backend.refresh(session.refreshToken))
    },
  )

  it('refuses to start while the server is unreachable, and starts once it answers', async () => {
    const { proxy, url } = await proxiedDatabase()
    await proxy.cut()
    await expect(harness.start({ databaseUrl: url })).rejects.toThrow()

    await proxy.restore()
    const backend = await harness.start({ databaseUrl: url })
    expectSuccess(await backend.login(demoLogin, CLIENT))
  })
})

describe('when another connection holds the SQLite database locked', () => {
  const harness = useBackendHarness('sqlite')

  it(
    'answers writes with unavailable after waiting out SQLITE_LOCK_WAIT_MS, then works once the lock is released',
    { timeout: 20_000 },
    async () => {
      const backend = await harness.start()
      const session = expectSuccess(await backend.login(demoLogin, CLIENT))
      const locker = new Database(harness.databaseUrl().slice('file:'.length))
      onTestFinished(() => void locker.close())
      locker.exec('BEGIN EXCLUSIVE')

      const started = performance.now()
      expect(await backend.signup(signupInput({ email: 'ada@example.com' }), CLIENT)).toStrictEqual(
        UNAVAILABLE,
      )
      expect(performance.now() - started).toBeGreaterThanOrEqual(SQLITE_LOCK_WAIT_MS - 150)
      expect(await backend.login(demoLogin, CLIENT)).toStrictEqual(UNAVAILABLE)
      // why: in WAL mode readers are not blocked by a writer, so me() still answers.
      expectSuccess(await backend.me(session.accessToken))

      locker.exec('ROLLBACK')
      expectSuccess(await backend.signup(signupInput({ email: 'ada@example.com' }), CLIENT))
      expectSuccess(await backend.login(demoLogin, CLIENT))
    },
  )

  it(
    'never holds up other requests for more than a moment while another process holds the write lock for 3 s',
    { timeout: 30_000 },
    async () => {
      const backend = await harness.start()
      const session = expectSuccess(await backend.login(demoLogin, CLIENT))
      const lock = await holdSqliteWriteLock(harness.databaseUrl().slice('file:'.length), 3_000)

      const delay = monitorEventLoopDelay({ resolution: 10 })
      delay.enable()
      const logins = Array.from({ length: 3 }, (_, index) =>
        backend.login(demoLogin, { ip: `198.51.100.${20 + index}` }),
      )
      const signup = backend.signup(signupInput({ email: 'ada@example.com' }), CLIENT)
      const meTimes: number[] = []
      for (let probe = 0; probe < 5; probe++) {
        const started = performance.now()
        expectSuccess(await backend.me(session.accessToken))
        meTimes.push(performance.now() - started)
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      const results = await Promise.all([...logins, signup])
      delay.disable()

      expect(Math.max(...meTimes)).toBeLessThan(200)
      expect(delay.max / 1e6).toBeLessThan(200)
      // Each write either waited out the lock or gave up with a retryable answer.
      for (const result of results) {
        if (!result.ok) expect(result).toStrictEqual(UNAVAILABLE)
      }
      await lock.released
      expectSuccess(await backend.login(demoLogin, CLIENT))
      expectSuccess(await backend.signup(signupInput({ email: 'grace@example.com' }), CLIENT))
    },
  )
})
