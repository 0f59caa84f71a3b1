import type { APIResponse } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { DEMO_ACCOUNT } from '../../../demo-backend/demo-account'
import {
  callBackend,
  expectError,
  expectRetryAfter,
  expectSession,
  newClientIp,
  newEmail,
  newPassword,
  signUp,
} from '../../support/backend-api'

// The defaults of demo-backend/core/rate-limits.ts, which the test server runs with.
const SIGNUPS_PER_IP_PER_HOUR = 10
const LOGIN_FAILURES_PER_EMAIL_AND_IP = 10
const LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
const LOGIN_FAILURES_PER_IP_PER_DAY = 100
const LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE = 20

/** The statuses of `responses`, counted: `{401: 10, 429: 50}`. */
const tally = (responses: APIResponse[]) =>
  responses.reduce<Record<number, number>>((counts, response) => {
    counts[response.status()] = (counts[response.status()] ?? 0) + 1
    return counts
  }, {})

test.describe('rate limits', () => {
  test('an address that signs up 10 times in an hour gets 429 rate_limited with Retry-After', async ({
    request,
  }) => {
    const ip = newClientIp()
    for (let i = 0; i < SIGNUPS_PER_IP_PER_HOUR; i++) {
      const email = newEmail('signup-limit')
      const response = await callBackend(request, 'signup', {
        ip,
        json: { email, password: newPassword() },
      })
      await expectSession(response, 201, { email, name: null })
    }
    const blocked = await callBackend(request, 'signup', {
      ip,
      json: { email: newEmail('signup-limit'), password: newPassword() },
    })
    await expectError(blocked, 429, 'rate_limited')
    expectRetryAfter(blocked, 60 * 60)

    // Another address is not affected.
    const email = newEmail('signup-limit')
    const other = await callBackend(request, 'signup', {
      ip: newClientIp(),
      json: { email, password: newPassword() },
    })
    await expectSession(other, 201, { email, name: null })
  })

  test('10 wrong passwords for one email from one address block it, even with the right password', async ({
    request,
  }) => {
    const { email, password } = await signUp(request)
    const ip = newClientIp()
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL_AND_IP; i++) {
      const response = await callBackend(request, 'login', {
        ip,
        json: { email, password: `wrong ${i} ${password}` },
      })
      await expectError(response, 401, 'invalid_credentials')
    }
    const wrong = await callBackend(request, 'login', {
      ip,
      json: { email, password: `${password}?` },
    })
    await expectError(wrong, 429, 'rate_limited')
    expectRetryAfter(wrong, LOGIN_FAILURE_WINDOW_SECONDS)

    const right = await callBackend(request, 'login', { ip, json: { email, password } })
    await expectError(right, 429, 'rate_limited')
    expectRetryAfter(right, LOGIN_FAILURE_WINDOW_SECONDS)

    // The limit is per email and address: the owner, elsewhere, still gets in.
    const elsewhere = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email, password },
    })
    await expectSession(elsewhere, 200, { email, name: null })
  })

  test('password guesses sent as sign-ups for a taken email count against the log-in limit', async ({
    request,
  }) => {
    const { email, password } = await signUp(request)
    const ip = newClientIp()
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL_AND_IP; i++) {
      const response = await callBackend(request, 'signup', {
        ip,
        json: { email, password: `guess ${i} ${password}` },
      })
      await expectError(response, 409, 'email_taken')
    }
    const right = await callBackend(request, 'login', { ip, json: { email, password } })
    await expectError(right, 429, 'rate_limited')
    expectRetryAfter(right, LOGIN_FAILURE_WINDOW_SECONDS)
  })

  test('a successful log-in clears the count of wrong passwords before it', async ({ request }) => {
    const { email, password } = await signUp(request)
    const ip = newClientIp()
    const failTimes = async (times: number) => {
      for (let i = 0; i < times; i++) {
        const response = await callBackend(request, 'login', {
          ip,
          json: { email, password: `not ${password}` },
        })
        await expectError(response, 401, 'invalid_credentials')
      }
    }
    await failTimes(LOGIN_FAILURES_PER_EMAIL_AND_IP - 1)
    await expectSession(
      await callBackend(request, 'login', { ip, json: { email, password } }),
      200,
      {
        email,
        name: null,
      },
    )
    await failTimes(LOGIN_FAILURES_PER_EMAIL_AND_IP - 1)
    await expectSession(
      await callBackend(request, 'login', { ip, json: { email, password } }),
      200,
      {
        email,
        name: null,
      },
    )
  })

  test('addresses prepended to X-Forwarded-For do not walk around a block', async ({ request }) => {
    const { email, password } = await signUp(request)
    const ip = newClientIp()
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL_AND_IP; i++) {
      const response = await callBackend(request, 'login', {
        ip: `203.0.113.${i}, ${ip}`,
        json: { email, password: `${password}${i}` },
      })
      await expectError(response, 401, 'invalid_credentials')
    }
    // The server trusts one proxy hop: only the last address, the one the proxy saw, counts.
    const spoofed = await callBackend(request, 'login', {
      ip: `198.51.100.77, ${ip}`,
      json: { email, password },
    })
    await expectError(spoofed, 429, 'rate_limited')
    expectRetryAfter(spoofed, LOGIN_FAILURE_WINDOW_SECONDS)
  })

  test('an address that sprays 100 wrong passwords over many emails is stopped for every email', async ({
    request,
  }) => {
    test.setTimeout(60_000)
    const ip = newClientIp()
    const batch = 10
    for (let done = 0; done < LOGIN_FAILURES_PER_IP_PER_DAY; done += batch) {
      const responses = await Promise.all(
        Array.from({ length: batch }, () =>
          callBackend(request, 'login', {
            ip,
            json: { email: newEmail('sprayed'), password: 'Summer2024!Summer' },
          }),
        ),
      )
      for (const response of responses) await expectError(response, 401, 'invalid_credentials')
    }
    const demo = await callBackend(request, 'login', {
      ip,
      json: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
    })
    await expectError(demo, 429, 'rate_limited')
    expectRetryAfter(demo, 24 * 60 * 60)
  })
})

test.describe('rate limits under parallel attempts', () => {
  test('60 wrong passwords for one email sent at once from one address: at most 10 are checked (401), the rest get 429', async ({
    request,
  }) => {
    const { email, password } = await signUp(request)
    const ip = newClientIp()
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        callBackend(request, 'login', { ip, json: { email, password: `wrong ${i} ${password}` } }),
      ),
    )
    const counts = tally(responses)
    expect(counts[401] ?? 0).toBeGreaterThan(0)
    expect(counts[401] ?? 0).toBeLessThanOrEqual(LOGIN_FAILURES_PER_EMAIL_AND_IP)
    expect(counts[429]).toBe(60 - (counts[401] ?? 0))
    for (const response of responses.filter((each) => each.status() === 429)) {
      await expectError(response, 429, 'rate_limited')
      expectRetryAfter(response, LOGIN_FAILURE_WINDOW_SECONDS)
    }
    // Nothing was left to guess with: the right password is refused from that address too.
    await expectError(
      await callBackend(request, 'login', { ip, json: { email, password } }),
      429,
      'rate_limited',
    )
  })

  test('40 wrong passwords for one account sent at once from 40 addresses: at most 20 are checked, the rest are slowed with 429 for under a minute', async ({
    request,
  }) => {
    const { email, password } = await signUp(request)
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        callBackend(request, 'login', {
          ip: newClientIp(),
          json: { email, password: `wrong ${i} ${password}` },
        }),
      ),
    )
    const counts = tally(responses)
    expect(counts[401] ?? 0).toBeLessThanOrEqual(LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE)
    expect(counts[429]).toBe(40 - (counts[401] ?? 0))
    for (const response of responses.filter((each) => each.status() === 429)) {
      await expectError(response, 429, 'rate_limited')
      expectRetryAfter(response, 60)
    }
  })

  test('the demo account is not slowed for everyone: a reader gets in while 30 addresses fail on it', async ({
    request,
  }) => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        callBackend(request, 'login', {
          ip: newClientIp(),
          json: { email: DEMO_ACCOUNT.email, password: 'a wrong password for the demo' },
        }),
      ),
    )
    expect(tally(responses)).toEqual({ 401: 30 })
    await expectSession(
      await callBackend(request, 'login', {
        ip: newClientIp(),
        json: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
      }),
      200,
      { email: DEMO_ACCOUNT.email, name: DEMO_ACCOUNT.name },
    )
  })

  test('addresses in one IPv6 /64 count as one client', async ({ request }) => {
    const { email, password } = await signUp(request)
    const prefix = newClientIp().replace(/::1$/, '')
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL_AND_IP; i++) {
      const response = await callBackend(request, 'login', {
        ip: `${prefix}:${(i + 2).toString(16)}:0:0:1`,
        json: { email, password: `wrong ${i} ${password}` },
      })
      await expectError(response, 401, 'invalid_credentials')
    }
    await expectError(
      await callBackend(request, 'login', { ip: `${prefix}::beef`, json: { email, password } }),
      429,
      'rate_limited',
    )
  })

  test('400 log-ins sent at once from one address delay a reader elsewhere by well under a second more than 400 bad requests do', async ({
    baseURL,
  }) => {
    test.setTimeout(60_000)
    // why: Node's own fetch: Playwright relays every request through its driver, which would
    // queue the 400 there instead of at the server.
    const login = async (ip: string, body: unknown) => {
      const response = await fetch(new URL('/api/backend/login', baseURL), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify(body),
      })
      await response.arrayBuffer()
      return response.status
    }
    const demo = (password: string) => ({ email: DEMO_ACCOUNT.email, password })
    /** How long the reader's log-in takes while `body` is sent 400 times at once from one address. */
    const readerTimeBehind = async (body: unknown) => {
      const attacker = newClientIp()
      const burst = Array.from({ length: 400 }, () => login(attacker, body))
      const started = performance.now()
      expect(await login(newClientIp(), demo(DEMO_ACCOUNT.password))).toBe(200)
      const readerMs = performance.now() - started
      return { readerMs, statuses: await Promise.all(burst) }
    }

    // The control: 400 requests refused as invalid_input, before any work in the backend, cost
    // the reader only what 400 connections cost this machine (about a second here).
    const control = await readerTimeBehind({ email: DEMO_ACCOUNT.email })
    expect(new Set(control.statuses)).toEqual(new Set([400]))
    const attack = await readerTimeBehind(demo('a wrong password for the demo'))
    const checked = attack.statuses.filter((status) => status === 401).length
    expect(attack.statuses.filter((status) => status === 429)).toHaveLength(400 - checked)
    expect(checked).toBeLessThanOrEqual(LOGIN_FAILURES_PER_EMAIL_AND_IP)

    const summary = `reader ${Math.round(attack.readerMs)} ms behind the attack, ${Math.round(control.readerMs)} ms behind the control`
    test.info().annotations.push({ type: 'timing', description: summary })
    // why: at most 10 of the burst wait for a hash ahead of the reader; an unbounded queue put
    // all 400 ahead of it (5.5 s on the standalone backend before the bound).
    expect(attack.readerMs, summary).toBeLessThan(control.readerMs + 1_000)
  })
})

test.describe('account enumeration', () => {
  const comparableHeaders = (response: APIResponse) =>
    response
      .headersArray()
      .filter(({ name }) => name.toLowerCase() !== 'date')
      .map(({ name, value }) => `${name.toLowerCase()}: ${value}`)
      .sort()

  test('an unknown email and a wrong password get byte-identical answers apart from Date', async ({
    request,
  }) => {
    const { email, password } = await signUp(request)
    const wrongPassword = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email, password: `${password}x` },
    })
    const unknownEmail = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email: newEmail('unknown'), password },
    })
    await expectError(wrongPassword, 401, 'invalid_credentials')
    await expectError(unknownEmail, 401, 'invalid_credentials')
    expect(await unknownEmail.body()).toEqual(await wrongPassword.body())
    expect(comparableHeaders(unknownEmail)).toEqual(comparableHeaders(wrongPassword))
  })

  test('an unknown email and a wrong password take the same time: medians of 30 within 15%', async ({
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000)
    // why: up to 93 wrong passwords within a minute or two; one account takes 20 a minute
    // before it slows them down, so they are spread over six.
    const accounts = await Promise.all(Array.from({ length: 6 }, () => signUp(request)))
    const { email, password } = accounts[0] as (typeof accounts)[number]
    let wrongSent = 0
    const bodies = {
      unknown: () => ({ email: newEmail('timing'), password: `${password}x` }),
      wrong: () => {
        const account = accounts[wrongSent++ % accounts.length] as (typeof accounts)[number]
        return { email: account.email, password: `${account.password}x` }
      },
      // The control: refused before any hashing or database work.
      invalid: () => ({ email, password: '' }),
    }
    type Kind = keyof typeof bodies
    const expectedStatus: Record<Kind, number> = { unknown: 401, wrong: 401, invalid: 400 }

    // why: Node's own fetch, not Playwright's request, which relays every call through its
    // driver process and adds jitter of its own.
    const timeLogin = async (kind: Kind) => {
      const started = performance.now()
      const response = await fetch(new URL('/api/backend/login', baseURL), {
        method: 'POST',
        // why: each attempt from its own address, so no limit is ever near.
        headers: { 'content-type': 'application/json', 'x-forwarded-for': newClientIp() },
        body: JSON.stringify(bodies[kind]()),
      })
      await response.arrayBuffer()
      const elapsed = performance.now() - started
      expect(response.status).toBe(expectedStatus[kind])
      return elapsed
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b)
      const middle = sorted.length / 2
      return ((sorted[Math.floor(middle - 0.5)] ?? 0) + (sorted[Math.floor(middle)] ?? 0)) / 2
    }
    const measureRound = async () => {
      const samples: Record<Kind, number[]> = { unknown: [], wrong: [], invalid: [] }
      for (let i = 0; i < 30; i++) {
        const order: Kind[] =
          i % 2 === 0 ? ['unknown', 'wrong', 'invalid'] : ['wrong', 'unknown', 'invalid']
        for (const kind of order) samples[kind].push(await timeLogin(kind))
      }
      const unknown = median(samples.unknown)
      const wrong = median(samples.wrong)
      const invalid = median(samples.invalid)
      const ratio = Math.max(unknown, wrong) / Math.min(unknown, wrong)
      const summary = `median unknown ${unknown.toFixed(1)} ms, wrong ${wrong.toFixed(1)} ms (ratio ${ratio.toFixed(3)}), no hash ${invalid.toFixed(1)} ms`
      test.info().annotations.push({ type: 'timing', description: summary })
      return { ratio, invalid, fastest: Math.min(unknown, wrong), summary }
    }

    // why: the first unknown email makes the decoy hash; warm every path before measuring.
    for (let i = 0; i < 3; i++)
      for (const kind of ['unknown', 'wrong', 'invalid'] as const) await timeLogin(kind)

    // why: other tests and processes share the machine, and a burst of load during one round
    // can move a median by more than 15%. A real difference (a skipped or cheaper hash) is
    // there in every round, so up to three rounds are measured and the best one must pass.
    const rounds = []
    for (let round = 0; round < 3; round++) {
      rounds.push(await measureRound())
      if ((rounds.at(-1)?.ratio ?? Infinity) <= 1.15) break
    }
    const best = rounds.reduce((a, b) => (a.ratio <= b.ratio ? a : b))
    expect(best.ratio, rounds.map((round) => round.summary).join('\n')).toBeLessThanOrEqual(1.15)
    // The control shows the measurement can see the cost of a hash: were one path to skip
    // it, the ratio above would be far over 15%.
    expect(best.fastest, best.summary).toBeGreaterThan(best.invalid * 1.5)
  })
})

test.describe('races', () => {
  test('20 concurrent sign-ups of one email with different passwords give exactly one 201 and nineteen 409 email_taken', async ({
    request,
  }) => {
    const email = newEmail('race')
    const passwords = Array.from({ length: 20 }, () => newPassword())
    const responses = await Promise.all(
      passwords.map((password) =>
        callBackend(request, 'signup', { ip: newClientIp(), json: { email, password } }),
      ),
    )
    const statuses = responses.map((response) => response.status())
    expect(statuses.filter((status) => status === 201)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(19)

    const winner = statuses.indexOf(201)
    await expectSession(responses[winner] as APIResponse, 201, { email, name: null })
    for (const [index, response] of responses.entries()) {
      if (index !== winner) await expectError(response, 409, 'email_taken')
    }

    // The account that exists is the winner's: its password works, a loser's does not.
    const login = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email, password: passwords[winner] },
    })
    await expectSession(login, 200, { email, name: null })
    const loser = passwords[(winner + 1) % passwords.length]
    const refused = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email, password: loser },
    })
    await expectError(refused, 401, 'invalid_credentials')
  })

  test('20 concurrent sign-ups of one email and one password make one account and answer all 20 with 201 as it', async ({
    request,
  }) => {
    const email = newEmail('retry-race')
    const password = newPassword()
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        callBackend(request, 'signup', { ip: newClientIp(), json: { email, password } }),
      ),
    )
    const sessions = await Promise.all(
      responses.map((response) => expectSession(response, 201, { email, name: null })),
    )
    expect(new Set(sessions.map((session) => session.user.id)).size).toBe(1)
  })

  test('one refresh token sent 10 times at once gets one and the same new refresh token 10 times, and the family lives on', async ({
    request,
  }) => {
    const { email, refreshToken } = await signUp(request)
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        callBackend(request, 'refresh', { ip: newClientIp(), json: { refreshToken } }),
      ),
    )
    const sessions = await Promise.all(
      responses.map((response) => expectSession(response, 200, { email, name: null })),
    )
    const successors = new Set(sessions.map((session) => session.refreshToken))
    expect(successors.size).toBe(1)

    const after = await callBackend(request, 'refresh', {
      ip: newClientIp(),
      json: { refreshToken: [...successors][0] },
    })
    await expectSession(after, 200, { email, name: null })
  })
})
