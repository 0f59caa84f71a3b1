import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { findFreePortSync } from '../support/free-port'
import type { SpawnedServer } from '../support/spawn-server'
import { newSecret, spawnServer } from '../support/spawn-server'
import { APP_SOURCE_DIR, NEXT_BIN, PRODUCTION } from '../support/whole-app'
import { builtApp } from './built-app'

/**
 * The promise of the download: the zip a reader gets builds with `next build` and signs a
 * person in, through the same requests next-auth/react's `signIn()` makes.
 */

const DEMO = { email: 'demo@example.com', password: 'handbook demo password', name: 'Demo Reader' }

/** Just enough of a browser's cookie jar for NextAuth's cookies on one origin. */
class CookieJar {
  private readonly cookies = new Map<string, string>()

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const value = pair.slice(separator + 1).trim()
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
}

/** A visitor of one server: requests carry and keep its cookies. */
function visitor(origin: string) {
  const jar = new CookieJar()
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    if (jar.header()) headers.set('cookie', jar.header())
    const response = await fetch(`${origin}${path}`, { ...init, headers, redirect: 'manual' })
    jar.store(response)
    return response
  }

  return {
    /** GET /api/auth/csrf, then POST the form to the log-in provider, as `signIn('login')` does. */
    async signIn(credentials: { email: string; password: string }) {
      const { csrfToken } = (await (await request('/api/auth/csrf')).json()) as {
        csrfToken: string
      }
      const response = await request('/api/auth/callback/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          ...credentials,
          csrfToken,
          callbackUrl: `${origin}/`,
          json: 'true',
        }),
      })
      const { url } = (await response.json()) as { url: string }
      // The same reading of the answer as next-auth/react's signIn() makes.
      return { status: response.status, error: new URL(url).searchParams.get('error') }
    },
    async session() {
      return (await (await request('/api/auth/session')).json()) as Record<string, unknown>
    },
  }
}

function startApp(appDir: string, env: Record<string, string> = {}): Promise<SpawnedServer> {
  return spawnServer({
    cwd: appDir,
    command: [process.execPath, NEXT_BIN, 'start', '--port', '{port}'],
    env: (port) => ({
      ...PRODUCTION,
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: newSecret(),
      ...env,
    }),
    readyPath: '/api/auth/providers',
  })
}

describe('the downloadable app, built from its zip', () => {
  let appDir: string
  let buildOutput: string
  let server: SpawnedServer

  beforeAll(async () => {
    // Unzipped and built without NEXTAUTH_SECRET by tests/whole-app/global-setup.ts.
    ;({ appDir, buildOutput } = builtApp())
    server = await startApp(appDir)
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('builds without a secret, type-checks with its own tsconfig and leaves that file as shipped', () => {
    expect(buildOutput).toContain('Linting and checking validity of types')
    expect(readFileSync(join(appDir, 'tsconfig.json'), 'utf8')).toBe(
      readFileSync(join(APP_SOURCE_DIR, 'tsconfig.json'), 'utf8'),
    )
  })

  it('signs the demo user in and puts their email and backend id on the session', async () => {
    const backend = await fetch(`${server.origin}/api/backend/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO.email, password: DEMO.password }),
    })
    const { user } = (await backend.json()) as { user: { id: string } }
    const reader = visitor(server.origin)

    const signedIn = await reader.signIn(DEMO)

    expect(signedIn).toEqual({ status: 200, error: null })
    expect(await reader.session()).toMatchObject({
      user: { id: user.id, email: DEMO.email, name: DEMO.name },
      expires: expect.any(String),
    })
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers a wrong password and an unknown email with CredentialsSignin and no session', async () => {
    for (const credentials of [
      { email: DEMO.email, password: 'not the demo password' },
      { email: 'nobody@example.com', password: DEMO.password },
    ]) {
      const reader = visitor(server.origin)

      expect(await reader.signIn(credentials)).toEqual({ status: 401, error: 'CredentialsSignin' })
      expect(await reader.session()).toEqual({})
    }
  })

  it('tells the sign-in form when the backend cannot be reached, apart from a wrong password', async () => {
    const nowhere = `http://127.0.0.1:${findFreePortSync()}`
    const cut = await startApp(appDir, { BACKEND_URL: nowhere })
    try {
      const reader = visitor(cut.origin)

      expect(await reader.signIn(DEMO)).toEqual({ status: 401, error: 'unavailable' })
      expect(await reader.session()).toEqual({})
    } finally {
      await cut.stop()
    }
    // The form has a sentence for that code; an unknown one would get the generic fallback.
    expect(readFileSync(join(appDir, 'lib', 'sign-in-errors.ts'), 'utf8')).toMatch(
      /^\s+unavailable: '/m,
    )
  })

  it('refuses to start without NEXTAUTH_SECRET, saying how to make one', () => {
    const env = { ...process.env, ...PRODUCTION, PORT: String(findFreePortSync()) }
    delete env.NEXTAUTH_SECRET
    const start = spawnSync(process.execPath, [NEXT_BIN, 'start'], {
      cwd: appDir,
      env,
      encoding: 'utf8',
      timeout: 30_000,
    })

    expect(start.status).toBe(1)
    expect(start.stderr).toContain('NEXTAUTH_SECRET is not set')
    expect(start.stderr).toContain('openssl rand -base64 32')
  })
})
