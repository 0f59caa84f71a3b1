import { expect, test } from '@playwright/test'

import { DEMO_ACCOUNT } from '../../../demo-backend/demo-account'
import { ERROR_MESSAGES } from '../../../demo-backend/errors'
import {
  callBackend,
  expectError,
  expectSession,
  newClientIp,
  newEmail,
  newPassword,
  signUp,
} from '../../support/backend-api'

const MAX_BODY_BYTES = 16 * 1024

test.describe('methods and routes', () => {
  const wrongMethods: [route: string, method: string, allow: string][] = [
    ['signup', 'GET', 'POST'],
    ['login', 'GET', 'POST'],
    ['login', 'PUT', 'POST'],
    ['login', 'DELETE', 'POST'],
    ['refresh', 'PATCH', 'POST'],
    ['logout', 'GET', 'POST'],
    ['me', 'POST', 'GET'],
    ['me', 'DELETE', 'GET'],
  ]
  for (const [route, method, allow] of wrongMethods) {
    test(`${method} /${route} answers 405 method_not_allowed with Allow: ${allow}`, async ({
      request,
    }) => {
      const response = await callBackend(request, route, { ip: newClientIp(), method })
      await expectError(response, 405, 'method_not_allowed')
      expect(response.headers().allow).toBe(allow)
    })
  }

  for (const route of ['nope', 'LOGIN', '__proto__', 'constructor', 'hasOwnProperty']) {
    test(`an unknown route /${route} answers 404 not_found, whatever the method`, async ({
      request,
    }) => {
      for (const method of ['GET', 'POST']) {
        const response = await callBackend(request, route, {
          ip: newClientIp(),
          method,
          json: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
        })
        await expectError(response, 404, 'not_found')
        expect(response.headers().allow).toBeUndefined()
      }
    })
  }
})

test.describe('the body of a request', () => {
  const demoLogin = JSON.stringify({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password })

  test('is accepted as JSON with a charset parameter and in any case of the media type', async ({
    request,
  }) => {
    for (const contentType of ['application/json; charset=utf-8', 'Application/JSON']) {
      const response = await callBackend(request, 'login', {
        ip: newClientIp(),
        body: demoLogin,
        contentType,
      })
      await expectSession(response, 200, { email: DEMO_ACCOUNT.email, name: DEMO_ACCOUNT.name })
    }
  })

  const refused: Record<string, { body: string; contentType?: string }> = {
    'JSON that does not parse': {
      body: '{"email": "demo@example.com", ',
      contentType: 'application/json',
    },
    'valid JSON sent as text/plain': { body: demoLogin, contentType: 'text/plain' },
    'a form (application/x-www-form-urlencoded)': {
      body: `email=${encodeURIComponent(DEMO_ACCOUNT.email)}&password=${encodeURIComponent(DEMO_ACCOUNT.password)}`,
      contentType: 'application/x-www-form-urlencoded',
    },
    'valid JSON as application/octet-stream': { body: demoLogin },
    'valid JSON as multipart/form-data': { body: demoLogin, contentType: 'multipart/form-data' },
    'an empty body': { body: '', contentType: 'application/json' },
    'a JSON array': { body: `[${demoLogin}]`, contentType: 'application/json' },
    'JSON null': { body: 'null', contentType: 'application/json' },
    'a JSON number': { body: '42', contentType: 'application/json' },
    'a JSON string': { body: JSON.stringify(demoLogin), contentType: 'application/json' },
  }
  for (const [name, { body, contentType }] of Object.entries(refused)) {
    test(`is refused with 400 invalid_input when it is ${name}`, async ({ request }) => {
      for (const route of ['login', 'signup', 'refresh', 'logout']) {
        const response = await callBackend(request, route, { ip: newClientIp(), body, contentType })
        await expectError(response, 400, 'invalid_input')
      }
    })
  }

  test('is refused with 400 invalid_input when it is valid JSON without any content type', async ({
    baseURL,
  }) => {
    // why: Playwright always names a content type, so this one goes out through Node's fetch,
    // which sends none for raw bytes.
    const response = await fetch(new URL('/api/backend/login', baseURL), {
      method: 'POST',
      headers: { 'x-forwarded-for': newClientIp() },
      body: new TextEncoder().encode(demoLogin),
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await response.json()).toStrictEqual({
      error: { code: 'invalid_input', message: ERROR_MESSAGES.invalid_input },
    })
  })

  test('of exactly 16 kB is read and judged on its content', async ({ request }) => {
    const padding = 'x'.repeat(MAX_BODY_BYTES - JSON.stringify({ email: '', password: '' }).length)
    const body = JSON.stringify({ email: '', password: padding })
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES)
    const response = await callBackend(request, 'login', {
      ip: newClientIp(),
      body,
      contentType: 'application/json',
    })
    await expectError(response, 400, 'invalid_input')
  })

  test('over 16 kB is refused with 413 payload_too_large', async ({ request }) => {
    for (const size of [MAX_BODY_BYTES + 1, 1024 * 1024]) {
      const response = await callBackend(request, 'signup', {
        ip: newClientIp(),
        body: 'x'.repeat(size),
        contentType: 'application/json',
      })
      await expectError(response, 413, 'payload_too_large')
    }
  })

  test('over 16 kB counts bytes, not characters', async ({ request }) => {
    // 6,000 three-byte characters: 18,000 bytes in fewer than 16,384 characters.
    const body = JSON.stringify({ email: DEMO_ACCOUNT.email, password: '€'.repeat(6000) })
    expect(body.length).toBeLessThan(MAX_BODY_BYTES)
    const response = await callBackend(request, 'login', {
      ip: newClientIp(),
      body,
      contentType: 'application/json',
    })
    await expectError(response, 413, 'payload_too_large')
  })
})

test.describe('the fields of a sign-up', () => {
  const valid = () => ({ email: newEmail('fields'), password: newPassword(), name: 'Valid Name' })
  const invalid: Record<string, () => Record<string, unknown>> = {
    'no email': () => ({ password: newPassword() }),
    'no password': () => ({ email: newEmail() }),
    'nothing at all': () => ({}),
    'a number as email': () => ({ ...valid(), email: 42 }),
    'an array as password': () => ({ ...valid(), password: [newPassword()] }),
    'an object as password': () => ({ ...valid(), password: { value: newPassword() } }),
    'a number as name': () => ({ ...valid(), name: 7 }),
    'null as name': () => ({ ...valid(), name: null }),
    'an extra key': () => ({ ...valid(), role: 'admin' }),
    'a NUL in the email': () => ({ ...valid(), email: `nul\u0000${newEmail()}` }),
    'a NUL in the password': () => ({ ...valid(), password: `${newPassword()}\u0000` }),
    'a NUL in the name': () => ({ ...valid(), name: 'Null\u0000Byte' }),
    'a line feed in the name': () => ({ ...valid(), name: 'Two\nLines' }),
    'an escape character in the password': () => ({
      ...valid(),
      password: `${newPassword()}\u001b[0m`,
    }),
    'a DEL in the email': () => ({ ...valid(), email: `del\u007f${newEmail()}` }),
    'a C1 control character in the name': () => ({ ...valid(), name: 'C1\u0085Control' }),
    'a password of 14 characters': () => ({ ...valid(), password: 'a'.repeat(13) + 'b' }),
    'a password of 257 characters': () => ({ ...valid(), password: 'pw'.repeat(128) + 'x' }),
    'a name of 101 characters': () => ({ ...valid(), name: 'n'.repeat(101) }),
    'an empty name': () => ({ ...valid(), name: '' }),
    'a name of spaces only': () => ({ ...valid(), name: '   ' }),
    'an email without a domain': () => ({ ...valid(), email: 'reader@' }),
    'an email of 255 characters': () => ({
      ...valid(),
      email: `${'e'.repeat(243)}@example.com`,
    }),
  }
  for (const [name, body] of Object.entries(invalid)) {
    test(`with ${name} is refused with 400 invalid_input and no detail but the field`, async ({
      request,
    }) => {
      const response = await callBackend(request, 'signup', { ip: newClientIp(), json: body() })
      await expectError(response, 400, 'invalid_input')
    })
  }

  test('at the limits (15- and 256-character passwords, a 100-character name) is accepted', async ({
    request,
  }) => {
    await signUp(request, { password: `${newPassword().slice(0, 12)}abc`.padEnd(15, 'z') })
    await signUp(request, {
      password: 'q'.repeat(200) + newPassword().padEnd(56, 'z').slice(0, 56),
    })
    await signUp(request, { name: 'n'.repeat(99) + 'N' })
  })

  test('counts characters, not UTF-16 units: a password of 256 emoji is accepted', async ({
    request,
  }) => {
    const password = '🔑'.repeat(255) + '🗝'
    expect([...password]).toHaveLength(256)
    const { email } = await signUp(request, { password })
    const login = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email, password },
    })
    await expectSession(login, 200, { email, name: null })
  })
})

test.describe('the fields of a log-in', () => {
  const demo = { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }
  const invalid: Record<string, Record<string, unknown>> = {
    'no email': { password: demo.password },
    'no password': { email: demo.email },
    'a number as email': { ...demo, email: 42 },
    'an array as password': { ...demo, password: [demo.password] },
    'an extra key': { ...demo, remember: true },
    'a name (which only sign-up takes)': { ...demo, name: DEMO_ACCOUNT.name },
    'a NUL in the email': { ...demo, email: `${demo.email}\u0000` },
    'a NUL in the password': { ...demo, password: `${demo.password}\u0000` },
    'a tab in the password': { ...demo, password: `${demo.password}\t` },
    'an empty password': { ...demo, password: '' },
    'a password of 257 characters': { ...demo, password: 'x'.repeat(257) },
  }
  for (const [name, body] of Object.entries(invalid)) {
    test(`with ${name} is refused with 400 invalid_input and no detail but the field`, async ({
      request,
    }) => {
      const response = await callBackend(request, 'login', { ip: newClientIp(), json: body })
      await expectError(response, 400, 'invalid_input')
    })
  }

  test('with the demo email written in full-width characters signs into the demo account', async ({
    request,
  }) => {
    for (const email of [
      'ｄｅｍｏ@example.com',
      'ｄｅｍｏ＠ｅｘａｍｐｌｅ．ｃｏｍ',
      ' DEMO@Example.COM ',
    ]) {
      const response = await callBackend(request, 'login', {
        ip: newClientIp(),
        json: { email, password: DEMO_ACCOUNT.password },
      })
      await expectSession(response, 200, { email: DEMO_ACCOUNT.email, name: DEMO_ACCOUNT.name })
    }
  })
})

test.describe('the fields of a refresh or a logout', () => {
  const invalid: Record<string, Record<string, unknown>> = {
    'no refresh token': {},
    'a number as refresh token': { refreshToken: 42 },
    'an empty refresh token': { refreshToken: '' },
    'a refresh token of 513 characters': { refreshToken: 'r'.repeat(513) },
    'a NUL in the refresh token': { refreshToken: 'abc\u0000def' },
    'an extra key': { refreshToken: 'abc', everywhere: true },
  }
  for (const [name, body] of Object.entries(invalid)) {
    test(`with ${name} is refused with 400 invalid_input`, async ({ request }) => {
      for (const route of ['refresh', 'logout']) {
        const response = await callBackend(request, route, { ip: newClientIp(), json: body })
        await expectError(response, 400, 'invalid_input')
      }
    })
  }
})

test.describe('text that looks like code', () => {
  const names = [
    "Robert'); DROP TABLE users;--",
    "' OR '1'='1",
    '1; DELETE FROM refresh_tokens WHERE 1=1',
    '<script>alert("x")</script>',
    '<img src=x onerror=alert(1)>',
    '{{constructor.constructor("return 1")()}}',
    '${process.env.BACKEND_JWT_SECRET}',
  ]
  for (const name of names) {
    test(`is stored as plain data and comes back unchanged from /me: ${name}`, async ({
      request,
    }) => {
      const account = await signUp(request, { name })
      const me = await callBackend(request, 'me', {
        ip: newClientIp(),
        bearer: account.accessToken,
      })
      expect(me.status()).toBe(200)
      expect(me.headers()['content-type']).toBe('application/json; charset=utf-8')
      expect(await me.json()).toStrictEqual({
        user: { id: account.user.id, email: account.email, name, role: 'reader' },
      })
    })
  }

  test('in an email (a quote is valid there) signs up and logs in like any other', async ({
    request,
  }) => {
    const email = `o'reilly+${Date.now()}@example.com`
    const { password } = await signUp(request, { email })
    const login = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email, password },
    })
    await expectSession(login, 200, { email, name: null })
    const sqlLike = await callBackend(request, 'login', {
      ip: newClientIp(),
      json: { email: "x' OR '1'='1@example.com", password },
    })
    await expectError(sqlLike, 400, 'invalid_input')
  })
})
