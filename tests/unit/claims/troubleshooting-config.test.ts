import { randomBytes } from 'node:crypto'

import type { AuthOptions } from 'next-auth'
import type { Adapter } from 'next-auth/adapters'
import GitHubProvider from 'next-auth/providers/github'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import {
  Browser,
  callAuth,
  captureLogs,
  cookieNamed,
  readServerSession,
  SESSION_COOKIE,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

const CONFIG_MESSAGE =
  'There is a problem with the server configuration. Check the server logs for more information.'
/** An adapter that knows nothing and records the name of every method NextAuth calls. */
function recordingAdapter() {
  const calls: string[] = []
  const names = ['createUser', 'getUser', 'getUserByEmail', 'getUserByAccount', 'updateUser']
  names.push('linkAccount', 'createSession', 'getSessionAndUser', 'updateSession', 'deleteSession')
  const methods = Object.fromEntries(
    names.map((name) => [
      name,
      async () => {
        calls.push(name)
        return null
      },
    ]),
  )
  // why: every method answers null, which no real adapter method's type allows.
  return { adapter: methods as unknown as Adapter, calls }
}

const github = () => GitHubProvider({ clientId: 'id', clientSecret: 'secret' })

describe('Troubleshooting chapter: configuration errors', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  let logs: ReturnType<typeof captureLogs>
  beforeEach(() => {
    logs = captureLogs()
  })
  afterEach(() => logs.restore())

  /** The status, and message or page, of each kind of request under `options`. */
  async function answersUnder(options: AuthOptions) {
    const json = await callAuth(options, { path: '/api/auth/session' })
    const post = await callAuth(options, { method: 'POST', path: '/api/auth/callback/login' })
    const page = await callAuth(options, { path: '/api/auth/signin' })
    return { json, post, page }
  }

  // Chapter: Troubleshooting, "every request to /api/auth/* fails with a 500 (the JSON endpoints
  // answer "There is a problem with the server configuration", NextAuth's own pages show an error
  // page), and the log shows [next-auth][error][CALLBACK_CREDENTIALS_JWT_ERROR]"
  it('fails database sessions with only Credentials providers with 500s and CALLBACK_CREDENTIALS_JWT_ERROR', async () => {
    const { options, steps } = tracedOptions({ session: { strategy: 'database' } })
    const { json, post, page } = await answersUnder(options)

    expect(json).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
    expect(post).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
    expect(page.status).toBe(500)
    expect(page.body).toContain('There is a problem with the server configuration.')
    expect(steps()).toEqual([])
    expect(logs.errors()).toContain('[next-auth][error][CALLBACK_CREDENTIALS_JWT_ERROR]')
  })

  // Not as the chapter says: with `pages.error` set, NextAuth's own pages answer a configuration
  // error with a 302 to that page, not a 500.
  it('redirects its own pages to pages.error?error=Configuration instead of failing with 500', async () => {
    const { options } = tracedOptions({
      session: { strategy: 'database' },
      pages: { error: '/oops' },
    })
    const { json, page } = await answersUnder(options)
    expect(json.status).toBe(500)
    expect(page).toMatchObject({ status: 302, location: '/oops?error=Configuration' })
  })

  // Chapter: Troubleshooting, "With an adapter, NextAuth defaults to database, and it does not
  // complain. The sign-in still writes an encrypted JWT into the session cookie, but the session
  // endpoint then looks that value up as a database session, finds nothing and deletes the cookie"
  it('signs in with an adapter and no strategy, then loses the session at the first read, silently', async () => {
    const { adapter, calls } = recordingAdapter()
    const browser = new Browser(tracedOptions({ adapter }).options)

    const signIn = await browser.signIn()
    const read = await browser.session()

    expect(signIn.body).toEqual({ url: 'http://localhost:3000' })
    expect(cookieNamed(signIn, SESSION_COOKIE)?.value.split('.')).toHaveLength(5)
    expect(calls).toEqual(['getSessionAndUser'])
    expect(read.body).toEqual({})
    expect(cookieNamed(read, SESSION_COOKIE)?.options.maxAge).toBe(0)
    expect([...logs.errors(), ...logs.warnings()]).toEqual([])
  })

  // Chapter: Troubleshooting, "The same happens with an explicit database strategy next to an
  // OAuth provider"
  it('loses a Credentials session the same way with database sessions next to an OAuth provider', async () => {
    const { adapter } = recordingAdapter()
    const { options } = tracedOptions({ adapter, session: { strategy: 'database' } })
    const browser = new Browser({ ...options, providers: [...options.providers, github()] })

    expect((await browser.signIn()).body).toEqual({ url: 'http://localhost:3000' })
    expect((await browser.session()).body).toEqual({})
  })

  // Chapter: Troubleshooting, "With the JWT strategy every session ... lives in the cookie. ...
  // Credentials sign-ins never touch it"
  it('keeps Credentials sessions in the cookie, and never calls the adapter, with strategy jwt', async () => {
    const { adapter, calls } = recordingAdapter()
    const browser = new Browser(tracedOptions({ adapter, session: { strategy: 'jwt' } }).options)

    await browser.signIn()
    const { body } = await browser.session()

    expect(body).toMatchObject({ user: { email: 'ada@example.com' } })
    expect(calls).toEqual([])
  })

  describe('NO_SECRET in production', () => {
    useEnv({ NODE_ENV: 'production', AUTH_SECRET: undefined })

    // Chapter: Troubleshooting, "Every request to /api/auth/* fails with a 500 (the JSON endpoints
    // say "There is a problem with the server configuration. Check the server logs for more
    // information."), the log shows [next-auth][error][NO_SECRET], and getServerSession() throws"
    it('fails every request with 500, logs NO_SECRET, and makes getServerSession throw', async () => {
      const { secret: _omitted, ...options } = tracedOptions().options
      const { json, post, page } = await answersUnder(options)

      expect(json).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
      expect(post).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
      expect(page.status).toBe(500)
      expect(logs.errors()).toContain('[next-auth][error][NO_SECRET]')
      await expect(readServerSession(options, {})).rejects.toThrow(CONFIG_MESSAGE)
    })

    // Chapter: Troubleshooting, "no NEXTAUTH_SECRET (and no AUTH_SECRET) in the environment"
    it('accepts AUTH_SECRET in place of NEXTAUTH_SECRET', async () => {
      process.env.AUTH_SECRET = randomBytes(32).toString('base64url')
      const { secret: _omitted, ...options } = tracedOptions().options
      const browser = new Browser(options)

      await browser.signIn()

      expect((await browser.session()).body).toMatchObject({ user: { name: 'Ada Reader' } })
      expect(logs.errors()).toEqual([])
    })
  })
})
