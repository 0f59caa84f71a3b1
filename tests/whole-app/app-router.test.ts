import type { Browser, Page } from '@playwright/test'
import { chromium } from '@playwright/test'
import type { JWT } from 'next-auth/jwt'
import { decode } from 'next-auth/jwt'
import { afterAll, beforeAll, expect, inject, it, onTestFinished } from 'vitest'

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium'
import { claim, describeChapter } from '../support/claims'
import type { Account } from '../support/reference-app/browser'
import {
  DEMO_EDITOR,
  DEMO_READER,
  SESSION_COOKIE,
  waitUntilRefreshIsDue,
} from '../support/reference-app/browser'
import type { SpawnedServer } from '../support/spawn-server'
import { newSecret, spawnServer } from '../support/spawn-server'
import { NEXT_BIN, PRODUCTION } from '../support/whole-app'

/**
 * The App Router twin of the reference app (components/sandboxes/whole-app/
 * nextauth-credentials-app-router/), assembled with the reference app's lib/ and built by
 * tests/whole-app/app-router-setup.ts: signed in to over HTTP and in Chromium.
 */

/** The twin, built; throws with the build's output when it did not build. */
function builtTwin(): { appDir: string; buildOutput: string } {
  const { appDir, buildOutput } = inject('appRouterApp')
  if (appDir === null) throw new Error(buildOutput)
  return { appDir, buildOutput }
}

/** A visitor over plain HTTP: a cookie jar for one origin, and the requests signIn() makes. */
function visitor(origin: string, secret: string) {
  const cookies = new Map<string, string>()
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(`${origin}${path}`, { ...init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const name = pair.slice(0, pair.indexOf('=')).trim()
      const value = pair.slice(pair.indexOf('=') + 1).trim()
      if (value === '' || /;\s*max-age=0\s*(;|$)/i.test(line)) cookies.delete(name)
      else cookies.set(name, value)
    }
    return response
  }
  const post = async (path: string, fields: Record<string, string>) => {
    const { csrfToken } = (await (await request('/api/auth/csrf')).json()) as { csrfToken: string }
    return request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, csrfToken, callbackUrl: `${origin}/`, json: 'true' }),
    })
  }
  return {
    request,
    /** What next-auth/react's signIn('login', { redirect: false }) sends and reads. */
    async signIn(account: Account) {
      const response = await post('/api/auth/callback/login', {
        email: account.email,
        password: account.password,
      })
      const { url } = (await response.json()) as { url: string }
      return { status: response.status, error: new URL(url).searchParams.get('error') }
    },
    async signOut() {
      return post('/api/auth/signout', {})
    },
    async session() {
      return (await (await request('/api/auth/session')).json()) as Record<string, unknown>
    },
    /** The token in the session cookie the visitor holds, decrypted. */
    async token(): Promise<JWT | null> {
      const value = cookies.get(SESSION_COOKIE)
      return value ? decode({ token: value, secret }) : null
    },
  }
}

/** Does this response set NextAuth's session cookie? */
const setsSessionCookie = (response: Response) =>
  response.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE}=`))

describeChapter('pages/guide/app-router.mdx', () => {
  let server: SpawnedServer
  let secret: string
  let browser: Browser

  beforeAll(async () => {
    secret = newSecret()
    ;[server, browser] = await Promise.all([
      spawnServer({
        cwd: builtTwin().appDir,
        command: [process.execPath, NEXT_BIN, 'start', '--port', '{port}'],
        env: (port) => ({
          ...PRODUCTION,
          NEXTAUTH_URL: `http://localhost:${port}`,
          NEXTAUTH_SECRET: secret,
          // The stand-in backend's shortest lifetime, so that a test sees a refresh come due.
          ACCESS_TOKEN_LIFETIME_SECONDS: '10',
        }),
        readyPath: '/api/auth/providers',
      }),
      chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    ])
    // why: the stand-in backend hashes its demo passwords on first use, which can outlast
    // authorize()'s 5-second timeout on a busy machine; this call pays for it, unhurried.
    await fetch(`${server.origin}/api/backend/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_READER.email, password: DEMO_READER.password }),
    })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  /** A fresh browser profile on the twin, closed when the test ends. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.origin })
    context.setDefaultTimeout(10_000)
    onTestFinished(() => context.close())
    return context.newPage()
  }

  it('builds with next build, which type-checks the app/ files against the reference lib/', () => {
    const { buildOutput } = builtTwin()
    expect(buildOutput).toContain('Linting and checking validity of types')
    expect(buildOutput).toMatch(/ƒ \/account\b/)
    expect(buildOutput).toMatch(/ƒ \/api\/auth\/\[\.\.\.nextauth\]/)
  })

  claim(
    'app-router-route-handler',
    'The same NextAuth(authOptions) call returns a handler that also answers App Router requests: export it as GET and POST.',
    () => {
      it('signs the demo reader in through the app route and puts the role on the session', async () => {
        const reader = visitor(server.origin, secret)
        expect(await reader.signIn(DEMO_READER)).toEqual({ status: 200, error: null })
        const session = await reader.session()
        expect(session.user).toMatchObject({ email: DEMO_READER.email, role: 'reader' })
      })

      it('answers a wrong password with CredentialsSignin, through the same route', async () => {
        const stranger = visitor(server.origin, secret)
        const result = await stranger.signIn({ ...DEMO_READER, password: 'not the password' })
        expect(result.error).toBe('CredentialsSignin')
        expect(await stranger.session()).toEqual({})
      })
    },
  )

  claim(
    'app-router-get-server-session',
    'Called with the options alone, getServerSession() reads the cookies of the request being handled itself, in a server component, a route handler or a server action.',
    () => {
      it('renders /account for a signed-in reader and redirects a signed-out one', async () => {
        const reader = visitor(server.origin, secret)
        const signedOut = await reader.request('/account')
        expect(signedOut.status).toBe(307)
        expect(signedOut.headers.get('location')).toBe('/sign-in?callbackUrl=%2Faccount')

        await reader.signIn(DEMO_READER)
        const page = await reader.request('/account')
        expect(page.status).toBe(200)
        const html = await page.text()
        expect(html).toContain(`<dd>${DEMO_READER.name}</dd>`)
        expect(html).toContain('<dd>reader</dd>')
      })

      it('answers /api/me with 401 JSON signed out and the user signed in', async () => {
        const reader = visitor(server.origin, secret)
        const signedOut = await reader.request('/api/me')
        expect(signedOut.status).toBe(401)
        expect(await signedOut.json()).toEqual({
          error: { code: 'unauthenticated', message: 'Sign in to see this.' },
        })

        await reader.signIn(DEMO_READER)
        const signedIn = await reader.request('/api/me')
        expect(signedIn.status).toBe(200)
        expect(await signedIn.json()).toMatchObject({
          user: { email: DEMO_READER.email, role: 'reader' },
        })
      })

      it('lets an editor save a note through the server action, which reads the session', async () => {
        const page = await newPage()
        await page.goto('/sign-in?callbackUrl=%2Feditor')
        await page.getByLabel('Email').fill(DEMO_EDITOR.email)
        await page.getByLabel('Password').fill(DEMO_EDITOR.password)
        await page.getByRole('button', { name: 'Log in' }).click()
        await page.getByRole('heading', { name: "Editor's desk" }).waitFor()

        const note = `Checked on ${new Date().toISOString()}`
        await page.getByLabel('Note').fill(note)
        await page.getByRole('button', { name: 'Save the note' }).click()
        await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
        await expect
          .poll(() => page.getByRole('listitem').allTextContents())
          .toContain(`${note} (${DEMO_EDITOR.name})`)

        await page.getByLabel('Note').fill('   ')
        await page.getByRole('button', { name: 'Save the note' }).click()
        await page.getByRole('alert').filter({ hasText: 'Write a note' }).waitFor()
      })
    },
  )

  claim(
    'app-router-no-cookie-written',
    "getServerSession() cannot set a cookie here. It runs your jwt callback, so a due access token is refreshed, but it never sends a cookie back: the refreshed token is not kept. NextAuth's own route does send one, so the next request to /api/auth/session stores a refreshed token.",
    () => {
      it('refreshes in /api/me without a Set-Cookie, and /api/auth/session then stores it', async () => {
        const reader = visitor(server.origin, secret)
        await reader.signIn(DEMO_READER)
        const before = await reader.token()
        await waitUntilRefreshIsDue(before)

        const me = await reader.request('/api/me')
        expect(me.status).toBe(200)
        expect(setsSessionCookie(me)).toBe(false)
        const account = await reader.request('/account')
        expect(account.status).toBe(200)
        expect(setsSessionCookie(account)).toBe(false)
        expect((await reader.token())?.refreshToken).toBe(before?.refreshToken)

        // NextAuth's own route writes the cookie. (That /api/me did refresh, spending the
        // refresh token, shows in app-router-spent-refresh-token below.)
        const session = await reader.request('/api/auth/session')
        expect(setsSessionCookie(session)).toBe(true)
        const after = await reader.token()
        expect(after?.refreshToken).not.toBe(before?.refreshToken)
        expect(after?.accessTokenExpires).toBeGreaterThan(before?.accessTokenExpires ?? Infinity)
      })
    },
  )

  claim(
    'app-router-spent-refresh-token',
    'After that, the backend takes the repeat for a stolen copy and revokes the family, and the next /api/auth/session ends the session with RefreshAccessTokenError.',
    () => {
      it('signs the reader out when the browser reads the session after the grace window', async () => {
        const reader = visitor(server.origin, secret)
        await reader.signIn(DEMO_READER)
        await waitUntilRefreshIsDue(await reader.token())
        const me = await reader.request('/api/me')
        expect(me.status).toBe(200)
        expect(setsSessionCookie(me)).toBe(false)

        // The stand-in backend's grace window is ten seconds (backend/sessions.ts).
        await new Promise((resolve) => setTimeout(resolve, 10_500))
        expect(await reader.session()).toMatchObject({ error: 'RefreshAccessTokenError' })
        expect((await reader.request('/api/me')).status).toBe(401)
      })
    },
  )

  claim(
    'app-router-sign-in-on-the-server',
    "Called on the server, as a server action would call it, signIn('login', { redirect: false }) cannot sign anyone in: the CSRF cookie of its first request never comes back with its second, so NextAuth refuses the post, and signIn() still resolves with ok: true and no error, for a wrong password as for the right one.",
    () => {
      it('resolves ok for any password, with the CSRF refusal as its url', async () => {
        // why: next-auth/react reads NEXTAUTH_URL when it is loaded, as in the app's server.
        process.env.NEXTAUTH_URL = server.origin
        const { signIn } = await import('next-auth/react')
        for (const password of [DEMO_READER.password, 'not the password']) {
          const result = await signIn('login', {
            redirect: false,
            callbackUrl: '/',
            email: DEMO_READER.email,
            password,
          })
          expect(result).toMatchObject({ ok: true, error: null })
          expect(new URL(result?.url ?? '').search).toBe('?csrf=true')
        }
      })
    },
  )

  claim(
    'app-router-sign-in-on-the-server-window',
    'Without a callbackUrl it throws instead, because it reads window.location.',
    () => {
      it('throws without a callbackUrl, because it reads window.location', async () => {
        const { signIn } = await import('next-auth/react')
        await expect(
          signIn('login', { redirect: false, email: DEMO_READER.email, password: 'x' }),
        ).rejects.toThrow('window is not defined')
      })
    },
  )

  claim(
    'app-router-middleware',
    'Middleware does not change: withAuth reads the same cookie whichever router serves the page.',
    () => {
      it('sends a reader from /editor to the sign-in page and lets an editor in', async () => {
        const reader = visitor(server.origin, secret)
        await reader.signIn(DEMO_READER)
        const refused = await reader.request('/editor')
        expect(refused.status).toBe(307)
        expect(refused.headers.get('location')).toBe('/sign-in?callbackUrl=%2Feditor')
        expect((await reader.request('/api/editor/notes')).status).toBe(403)

        const editor = visitor(server.origin, secret)
        await editor.signIn(DEMO_EDITOR)
        expect((await editor.request('/editor')).status).toBe(200)
      })
    },
  )

  claim(
    'app-router-sign-out',
    'signOut() from a client component posts to /api/auth/signout, which deletes the cookie; the server components see no session after it.',
    () => {
      it('signs out over HTTP: the session is empty, /account redirects and /api/me answers 401', async () => {
        const reader = visitor(server.origin, secret)
        await reader.signIn(DEMO_READER)
        expect((await reader.request('/api/me')).status).toBe(200)
        expect((await reader.signOut()).status).toBe(200)
        expect(await reader.token()).toBeNull()
        expect(await reader.session()).toEqual({})
        expect((await reader.request('/account')).status).toBe(307)
        expect((await reader.request('/api/me')).status).toBe(401)
      })
    },
  )

  claim(
    'app-router-sign-out-event',
    'Your signOut event runs as before, so the backend refuses the refresh token from then on.',
    () => {
      it('revokes the refresh token at the stand-in backend when the reader signs out', async () => {
        const reader = visitor(server.origin, secret)
        await reader.signIn(DEMO_READER)
        const refreshToken = (await reader.token())?.refreshToken
        expect(refreshToken).toEqual(expect.any(String))
        await reader.signOut()

        const refresh = await fetch(`${server.origin}/api/backend/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken }),
        })
        expect(refresh.status).toBe(401)
        expect(await refresh.json()).toMatchObject({ error: { code: 'invalid_token' } })
      })
    },
  )

  claim(
    'app-router-session-provider',
    'With the provider in the root layout, useSession() works in every client component, and signOut() from a button ends the session for the server components too.',
    () => {
      it('shows the session in a client component, then signs out from the button', async () => {
        const page = await newPage()
        await page.goto('/sign-in')
        await page.getByLabel('Email').fill(DEMO_READER.email)
        await page.getByLabel('Password').fill(DEMO_READER.password)
        await page.getByRole('button', { name: 'Log in' }).click()
        await page.getByRole('heading', { name: `Signed in as ${DEMO_READER.name}` }).waitFor()
        await page.getByText(`The browser sees ${DEMO_READER.email} as signed in.`).waitFor()

        await page.getByRole('button', { name: 'Sign out' }).click()
        await page.waitForURL('**/sign-in')
        await page.goto('/')
        await page.getByRole('heading', { name: 'You are not signed in' }).waitFor()
      })
    },
  )
})
