import { join } from 'node:path'

import type { APIResponse } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { encode } from 'next-auth/jwt'

import { DEMO_ACCOUNT } from '../../../demo-backend/demo-account'

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

/** The Set-Cookie lines of an answer. */
const setCookiesOf = (response: APIResponse) =>
  response
    .headersArray()
    .filter(({ name }) => name.toLowerCase() === 'set-cookie')
    .map(({ value }) => value)

/** The cookies a browser would send back, from Set-Cookie lines (the latest value wins). */
function jarOf(lines: string[], jar = new Map<string, string>()) {
  for (const line of lines) {
    const [pair = ''] = line.split(';')
    const [name = '', ...value] = pair.split('=')
    if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name)
    else jar.set(name, value.join('='))
  }
  return jar
}

const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join('; ')

test('on https, every cookie the site sets is a __Host- cookie: Secure, Path=/, no Domain', async ({
  request,
}) => {
  // A whole visit: the lab's trace, a sign-in, a session read, a sign-out.
  const lines: string[] = []
  const jar = new Map<string, string>()
  const visit = async (response: Promise<APIResponse>) => {
    const answer = await response
    lines.push(...setCookiesOf(answer))
    jarOf(setCookiesOf(answer), jar)
    return answer
  }
  await visit(request.get(`${server.origin}/api/trace`))
  const csrf = await visit(
    request.get(`${server.origin}/api/auth/csrf`, { headers: { cookie: cookieHeader(jar) } }),
  )
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const signIn = await visit(
    request.post(`${server.origin}/api/auth/callback/login`, {
      headers: { cookie: cookieHeader(jar) },
      form: {
        csrfToken,
        email: DEMO_ACCOUNT.email,
        password: DEMO_ACCOUNT.password,
        callbackUrl: `${publicOrigin}/lab`,
        json: 'true',
      },
    }),
  )
  expect(
    new URL(((await signIn.json()) as { url: string }).url).searchParams.get('error'),
  ).toBeNull()
  const session = await visit(
    request.get(`${server.origin}/api/auth/session`, { headers: { cookie: cookieHeader(jar) } }),
  )
  expect(await session.json()).toMatchObject({ user: { email: DEMO_ACCOUNT.email } })
  await visit(
    request.post(`${server.origin}/api/auth/signout`, {
      headers: { cookie: cookieHeader(jar) },
      form: { csrfToken, json: 'true' },
    }),
  )

  const names = lines.map((line) => line.split('=')[0])
  expect(names).toEqual(
    expect.arrayContaining([
      '__Host-handbook-trace',
      '__Host-next-auth.csrf-token',
      '__Host-next-auth.callback-url',
      '__Host-next-auth.session-token',
    ]),
  )
  for (const line of lines) {
    expect(line, line).toMatch(/^__Host-[^=]+=[^;]*; /)
    const attributes = line.split('; ').slice(1)
    expect(attributes, line).toEqual(expect.arrayContaining(['Path=/', 'Secure', 'HttpOnly']))
    expect(
      attributes.some((attribute) => /^Domain=/i.test(attribute)),
      line,
    ).toBe(false)
  }
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
      headers: { cookie: `__Host-next-auth.session-token=${token}` },
    })
  expect(await (await ask(expired)).json()).toEqual({})
  // why: the control, so the test cannot pass because every token is refused.
  expect(await (await ask(fresh)).json()).toMatchObject({ user: { id: 'someone', name: 'Now' } })
})
