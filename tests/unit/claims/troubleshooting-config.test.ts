import { randomBytes } from 'node:crypto'

import type { AuthOptions } from 'next-auth'
import GitHubProvider from 'next-auth/providers/github'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import {
  Browser,
  callAuth,
  captureLogs,
  cookieNamed,
  readServerSession,
  recordingAdapter,
  SESSION_COOKIE,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

const CONFIG_MESSAGE =
  'There is a problem with the server configuration. Check the server logs for more information.'

const github = () => GitHubProvider({ clientId: 'id', clientSecret: 'secret' })

describeChapter('pages/guide/troubleshooting.mdx', () => {
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

  claim(
    'troubleshooting-database-credentials-only',
    'NextAuth refuses the configuration: its JSON endpoints fail with a 500 ("There is a problem with the server configuration"), its own pages show an error page (or redirect to your pages.error with error=Configuration), and the log shows [next-auth][error][CALLBACK_CREDENTIALS_JWT_ERROR].',
    () => {
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

      it('redirects its own pages to pages.error?error=Configuration when pages.error is set', async () => {
        const { options } = tracedOptions({
          session: { strategy: 'database' },
          pages: { error: '/oops' },
        })
        const { json, page } = await answersUnder(options)
        expect(json.status).toBe(500)
        expect(page).toMatchObject({ status: 302, location: '/oops?error=Configuration' })
      })
    },
  )

  claim(
    'troubleshooting-adapter-default-database',
    'With an adapter, NextAuth defaults to database, and it does not complain. The sign-in still writes an encrypted JWT into the session cookie, but the session endpoint then looks that value up as a database session, finds nothing and deletes the cookie. The sign-in reports success and the reader is signed out a moment later.',
    () => {
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
    },
  )

  claim(
    'troubleshooting-database-next-to-oauth',
    'The same happens with an explicit database strategy next to an OAuth provider.',
    () => {
      it('loses a Credentials session the same way with database sessions next to an OAuth provider', async () => {
        const { adapter } = recordingAdapter()
        const { options } = tracedOptions({ adapter, session: { strategy: 'database' } })
        const browser = new Browser({ ...options, providers: [...options.providers, github()] })

        expect((await browser.signIn()).body).toEqual({ url: 'http://localhost:3000' })
        expect((await browser.session()).body).toEqual({})
      })
    },
  )

  claim(
    'troubleshooting-jwt-strategy-fix',
    'With the JWT strategy every session, OAuth ones included, lives in the cookie. The adapter still stores users and linked accounts for OAuth providers; Credentials sign-ins never touch it.',
    () => {
      it('keeps Credentials sessions in the cookie, and never calls the adapter, with strategy jwt', async () => {
        const { adapter, calls } = recordingAdapter()
        const { options } = tracedOptions({ adapter, session: { strategy: 'jwt' } })
        const browser = new Browser({ ...options, providers: [...options.providers, github()] })

        await browser.signIn()
        const { body } = await browser.session()

        expect(body).toMatchObject({ user: { email: 'ada@example.com' } })
        expect(calls).toEqual([])
      })
    },
  )

  describe('NO_SECRET in production', () => {
    useEnv({ NODE_ENV: 'production', AUTH_SECRET: undefined })

    claim(
      'troubleshooting-no-secret-production',
      'Its JSON endpoints fail with a 500 ("There is a problem with the server configuration. Check the server logs for more information."), its own pages show an error page (or redirect to your pages.error with error=Configuration), the log shows [next-auth][error][NO_SECRET], and getServerSession() throws.',
      () => {
        it('fails every request with 500, logs NO_SECRET, and makes getServerSession throw', async () => {
          const { secret: _omitted, ...options } = tracedOptions().options
          const { json, post, page } = await answersUnder(options)

          expect(json).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
          expect(post).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
          expect(page.status).toBe(500)
          expect(logs.errors()).toContain('[next-auth][error][NO_SECRET]')
          await expect(readServerSession(options, {})).rejects.toThrow(CONFIG_MESSAGE)
        })

        it('redirects its own pages to pages.error?error=Configuration when pages.error is set', async () => {
          const { secret: _omitted, ...options } = tracedOptions({
            pages: { error: '/oops' },
          }).options
          const { page } = await answersUnder(options)
          expect(page).toMatchObject({ status: 302, location: '/oops?error=Configuration' })
        })
      },
    )

    claim(
      'troubleshooting-auth-secret',
      'The server runs with NODE_ENV=production and NextAuth found no secret: no secret in the options, no NEXTAUTH_SECRET (and no AUTH_SECRET) in the environment.',
      () => {
        it('accepts AUTH_SECRET in place of NEXTAUTH_SECRET', async () => {
          process.env.AUTH_SECRET = randomBytes(32).toString('base64url')
          const { secret: _omitted, ...options } = tracedOptions().options
          const browser = new Browser(options)

          await browser.signIn()

          expect((await browser.session()).body).toMatchObject({ user: { name: 'Ada Reader' } })
          expect(logs.errors()).toEqual([])
        })
      },
    )
  })
})
