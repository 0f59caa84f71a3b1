import { randomUUID } from 'node:crypto'
import { request as httpRequest } from 'node:http'

import type { APIRequestContext } from '@playwright/test'
import { expect, test } from '@playwright/test'

import { DEMO_ACCOUNT } from '../../../demo-backend/demo-account'
import { MAX_READER_BYTES } from '../../../lib/trace/limits'

// why: `authorize-returns-null` answers before the backend is asked, so forty posts meet
// neither the rate limits nor argon2; the trace records them all the same.
const SCENARIO = 'authorize-returns-null'

/** About 15 kB of fields nobody declared, with long names: what the attack posted, under 16 kB. */
const JUNK = Object.fromEntries(
  Array.from({ length: 30 }, (_, i) => [`junk${i}-${'k'.repeat(400)}`, 'v'.repeat(80)]),
)

/** The name=value of the first Set-Cookie called `name`, as a browser would send it back. */
function cookiePair(setCookie: string | undefined, name: string): string {
  const line = (setCookie ?? '').split('\n').find((l) => l.startsWith(`${name}=`)) ?? ''
  return line.split(';')[0] ?? ''
}

async function csrfOf(request: APIRequestContext, cookie?: string) {
  const response = await request.get('/api/auth/csrf', cookie ? { headers: { cookie } } : {})
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return { csrfToken, cookie: cookiePair(response.headers()['set-cookie'], 'next-auth.csrf-token') }
}

test('forty 15 kB sign-in posts with junk fields leave only declared fields, within the reader’s cap', async ({
  request,
}) => {
  await request.get('/api/trace') // the trace cookie, kept in this context's jar
  const { csrfToken } = await csrfOf(request)
  for (let post = 0; post < 40; post++) {
    const form = {
      ...JUNK,
      csrfToken,
      email: 'demo@example.com',
      password: 'x',
      scenario: SCENARIO,
      json: 'true',
    }
    const response = await request.post('/api/auth/callback/login', { form })
    // NextAuth answers a refused sign-in (`authorize` returned null) with 401.
    expect(response.status()).toBe(401)
  }
  const started = Date.now()
  const [trace, unrelated] = await Promise.all([
    request.get('/api/trace'),
    request.get('/api/auth/providers'),
  ])
  const elapsed = Date.now() - started
  const body = await trace.text()
  expect(body).toContain('POST /api/auth/callback/login')
  expect(body).toContain(SCENARIO)
  expect(body).not.toContain('junk')
  expect(body).not.toContain('kkkkkkkk')
  expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_READER_BYTES + 4 * 1024)
  expect(unrelated.status()).toBe(200)
  // why: the read is bounded, so nothing waits behind it (it took 13.6 s for 86 MB before).
  expect(elapsed).toBeLessThan(5_000)
})

test('a made-up trace cookie records nothing: the server issues reader ids and checks them', async ({
  request,
}) => {
  for (const forged of [randomUUID(), `${randomUUID()}.${'A'.repeat(43)}`]) {
    const traceCookie = `handbook-trace=${forged}`
    const csrf = await csrfOf(request, traceCookie)
    const cookie = `${traceCookie}; ${csrf.cookie}`
    const signIn = await request.post('/api/auth/callback/login', {
      headers: { cookie },
      form: {
        csrfToken: csrf.csrfToken,
        email: 'demo@example.com',
        password: 'x',
        scenario: SCENARIO,
        json: 'true',
      },
    })
    expect(signIn.status()).toBe(401)
    const trace = await request.get('/api/trace', { headers: { cookie: traceCookie } })
    expect(await trace.json()).toEqual({ requests: [] })
    // The made-up id is replaced with one the server signed.
    expect(trace.headers()['set-cookie']).toMatch(/^handbook-trace=[0-9a-f-]{36}\.[\w-]{43};/)
  }
})

/**
 * Posts `bytes` of form body and resolves with the status as soon as the answer arrives, even
 * if the server answered before reading the body (and then closed the connection under it).
 */
function postLarge(
  url: string,
  bytes: number,
): Promise<{ status: number; ms: number; body: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const post = httpRequest(url, {
      // why: a connection of its own; the server drops it after answering, body unread.
      agent: false,
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(bytes),
      },
    })
    post.on('response', (response) => {
      const ms = Date.now() - started
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, ms, body }))
    })
    // why: the server may reset the connection while the rest of the body is on its way.
    post.on('error', (error) => reject(error))
    post.end(`padding=${'p'.repeat(bytes - 'padding='.length)}`)
  })
}

test('the auth routes answer a 900 kB body 413 at once, with the JSON error, and a real sign-in still goes through', async ({
  request,
  baseURL,
}) => {
  const big = await postLarge(`${baseURL}/api/auth/callback/login`, 900 * 1024)
  expect(big.status).toBe(413)
  expect(big.ms).toBeLessThan(2_000)
  expect(JSON.parse(big.body)).toEqual({
    error: { code: 'payload_too_large', message: expect.stringContaining('16 kB') },
  })

  // A body that is not JSON, sent as JSON, gets the same shape, not a stack trace.
  const broken = await request.post('/api/auth/session', {
    headers: { 'content-type': 'application/json' },
    data: '{"data":',
  })
  expect(broken.status()).toBe(400)
  expect((await broken.json()) as unknown).toMatchObject({ error: { code: 'invalid_body' } })

  // NextAuth still gets the parsed form: the demo reader signs in.
  const { csrfToken } = await csrfOf(request)
  const signIn = await request.post('/api/auth/callback/login', {
    headers: { 'x-forwarded-for': '203.0.113.77' },
    form: { csrfToken, email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, json: 'true' },
  })
  const { url } = (await signIn.json()) as { url: string }
  expect(new URL(url).searchParams.get('error')).toBeNull()
  const session = (await (await request.get('/api/auth/session')).json()) as {
    user?: { email?: string }
  }
  expect(session.user?.email).toBe(DEMO_ACCOUNT.email)
})
