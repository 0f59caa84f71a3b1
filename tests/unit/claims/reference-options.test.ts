import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import { decodeProtectedHeader } from 'jose'
import type { AuthOptions, User } from 'next-auth'
import type { Adapter } from 'next-auth/adapters'
import type { JWT } from 'next-auth/jwt'
import { decode } from 'next-auth/jwt'
import CredentialsProvider from 'next-auth/providers/credentials'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import type { AuthAnswer } from './next-auth-harness'
import {
  ADA,
  Browser,
  callAuth,
  callsOf,
  captureLogs,
  cookieNamed,
  inSessionProvider,
  loadAuthHandler,
  LOGIN_PAGE,
  OTHER_SECRET,
  readServerSession,
  recordingAdapter,
  SECRET,
  SESSION_COOKIE,
  setEnv,
  tracedOptions,
  useEnv,
} from './next-auth-harness'

// why: init() is where NextAuth fills in every default; it is not in the package's `exports`
// map, so it is loaded by file path, the same file core/index.js requires.
const requireHere = createRequire(import.meta.url)
const NEXT_AUTH_ROOT = dirname(requireHere.resolve('next-auth'))
type InitOptions = Required<Omit<AuthOptions, 'adapter' | 'providers'>> & {
  cookies: Record<string, { name: string; options: Record<string, unknown> }>
}
const { init } = requireHere(join(NEXT_AUTH_ROOT, 'core/init.js')) as {
  init: (params: Record<string, unknown>) => Promise<{ options: InitOptions }>
}

/** The options NextAuth's core works with, defaults filled in, for a site at `origin`. */
async function resolvedOptions(
  options: Partial<AuthOptions> = {},
  origin = 'http://localhost:3000',
) {
  const authOptions = { secret: SECRET, providers: tracedOptions().options.providers, ...options }
  const { options: resolved } = await init({ authOptions, action: 'session', origin, cookies: {} })
  return resolved
}

const THIRTY_DAYS = 30 * 24 * 60 * 60
const EIGHT_HOURS = 8 * 60 * 60
const HOUR_MS = 60 * 60 * 1000
const START = new Date('2030-01-01T00:00:00Z')

/** The `error` query parameter of the URL a JSON sign-in answered with. */
function errorOf(answer: AuthAnswer): string | null {
  const { url } = answer.body as { url: string }
  return new URL(url).searchParams.get('error')
}

/** The session token a browser holds, decoded with the test secret. */
async function tokenIn(browser: Browser): Promise<JWT | null> {
  return decode({ token: browser.jar.get(SESSION_COOKIE), secret: SECRET })
}

/** Seconds between a token's `iat` and its `exp`. */
const lifetimeOf = (token: JWT | null) => Number(token?.exp) - Number(token?.iat)

async function signOut(browser: Browser, callbackUrl?: string): Promise<AuthAnswer> {
  const csrfToken = await browser.csrfToken()
  const body = { csrfToken, json: 'true', ...(callbackUrl ? { callbackUrl } : {}) }
  return browser.request({ method: 'POST', path: '/api/auth/signout', body })
}

describeChapter('pages/guide/reference.mdx', () => {
  useEnv({
    NEXTAUTH_URL: 'http://localhost:3000',
    NEXTAUTH_SECRET: undefined,
    AUTH_SECRET: undefined,
  })

  let logs: ReturnType<typeof captureLogs>
  beforeEach(() => {
    logs = captureLogs()
  })
  afterEach(() => {
    logs.restore()
    vi.useRealTimers()
  })

  describe('providers', () => {
    claim(
      'reference-provider-id',
      "id (default: 'credentials'). Names the provider in signIn('<id>', …) and in its URL, /api/auth/callback/<id>. Of two providers with the same id, only the first is ever called.",
      () => {
        it('calls a provider without an id "credentials", at /api/auth/callback/credentials', async () => {
          const provider = CredentialsProvider({ credentials: {}, authorize: () => ADA })
          const options = { secret: SECRET, providers: [provider] }
          const { body } = await callAuth(options, { path: '/api/auth/providers' })
          expect(body).toEqual({
            credentials: expect.objectContaining({
              id: 'credentials',
              callbackUrl: 'http://localhost:3000/api/auth/callback/credentials',
            }),
          })
          const browser = new Browser(options)
          await browser.signIn(undefined, { providerId: 'credentials' })
          expect(browser.jar.has(SESSION_COOKIE)).toBe(true)
        })

        it('calls only the first of two providers that share an id', async () => {
          const calls: string[] = []
          const provider = (name: string) =>
            CredentialsProvider({
              credentials: {},
              authorize: () => {
                calls.push(name)
                return null
              },
            })
          const browser = new Browser({ secret: SECRET, providers: [provider('a'), provider('b')] })
          await browser.signIn(undefined, { providerId: 'credentials' })
          await browser.signIn(undefined, { providerId: 'credentials' })
          expect(calls).toEqual(['a', 'a'])
        })
      },
    )

    claim(
      'reference-provider-name',
      "name (default: 'Credentials'). The label of its button on NextAuth's built-in sign-in page: \"Sign in with Credentials\".",
      () => {
        it('labels the built-in page\'s button "Sign in with Credentials" without a name', async () => {
          const provider = CredentialsProvider({ credentials: {}, authorize: () => null })
          const { body } = await callAuth(
            { secret: SECRET, providers: [provider] },
            { path: '/api/auth/signin' },
          )
          expect(String(body)).toContain('Sign in with Credentials')
        })
      },
    )

    claim(
      'reference-provider-credentials',
      "credentials (default: {}). The fields of the built-in sign-in page's form, as { email: { label, type } }. Your own form can post any fields: authorize() receives them all, declared or not.",
      () => {
        it('draws one input per declared field on the built-in page, and none by default', async () => {
          const page = async (credentials: Record<string, { label: string; type: string }>) => {
            const provider = CredentialsProvider({ credentials, authorize: () => null })
            const { body } = await callAuth(
              { secret: SECRET, providers: [provider] },
              { path: '/api/auth/signin' },
            )
            return String(body)
          }
          const declared = await page({ email: { label: 'Your email', type: 'email' } })
          expect(declared).toMatch(/<input[^>]*name="email"[^>]*type="email"/)
          expect(declared).toContain('Your email')
          expect(await page({})).not.toMatch(/<input[^>]*name="email"/)
        })

        it('passes authorize() every posted field, declared or not', async () => {
          const { options, trace } = tracedOptions()
          await new Browser(options).signIn({ email: 'a@b.c', password: 'pw', inviteCode: 'x1' })
          const [first] = callsOf(trace, 'authorize')
          expect(first?.credentials).toMatchObject({
            email: 'a@b.c',
            password: 'pw',
            inviteCode: 'x1',
          })
        })
      },
    )

    claim(
      'reference-provider-authorize',
      'authorize (default: returns null). Checks the credentials. A user object signs the reader in; null fails with CredentialsSignin; a thrown Error fails with its message as the error. Left out, every sign-in fails.',
      () => {
        const signInWith = (authorize: () => User | null) =>
          new Browser(tracedOptions({ authorize }).options).signIn()

        it('signs in with a user, and fails with CredentialsSignin on null', async () => {
          const signedIn = await signInWith(() => ADA)
          expect(errorOf(signedIn)).toBeNull()
          expect(cookieNamed(signedIn, SESSION_COOKIE)).toBeDefined()

          const refused = await signInWith(() => null)
          expect(errorOf(refused)).toBe('CredentialsSignin')
          expect(cookieNamed(refused, SESSION_COOKIE)).toBeUndefined()
        })

        it('fails with the message of an Error that authorize() throws', async () => {
          const answer = await signInWith(() => {
            throw new Error('rate_limited')
          })
          expect(errorOf(answer)).toBe('rate_limited')
        })

        it('fails every sign-in when authorize is left out', async () => {
          // why: the types require authorize; this is the default the reference row states.
          const provider = CredentialsProvider({ credentials: {} } as never)
          const answer = await new Browser({ secret: SECRET, providers: [provider] }).signIn(
            undefined,
            { providerId: 'credentials' },
          )
          expect(errorOf(answer)).toBe('CredentialsSignin')
        })
      },
    )
  })

  describe('callbacks', () => {
    claim(
      'reference-callback-sign-in',
      'signIn (default: returns true). Runs after authorize() returns a user. true lets the sign-in go on, false refuses it with AccessDenied, and a URL sends the reader there instead of signing in.',
      () => {
        it('lets the sign-in go on by default, after authorize()', async () => {
          const { options, steps } = tracedOptions()
          const answer = await new Browser(options).signIn()
          expect(
            steps()
              .filter((step) => step !== 'redirect')
              .slice(0, 2),
          ).toEqual(['authorize', 'signIn'])
          expect(cookieNamed(answer, SESSION_COOKIE)).toBeDefined()
        })

        it('refuses with AccessDenied on false, and redirects without a session on a URL', async () => {
          const refused = await new Browser(
            tracedOptions({ callbacks: { signIn: () => false } }).options,
          ).signIn()
          expect(errorOf(refused)).toBe('AccessDenied')
          expect(cookieNamed(refused, SESSION_COOKIE)).toBeUndefined()

          const elsewhere = 'http://localhost:3000/waiting-list'
          const sent = await new Browser(
            tracedOptions({ callbacks: { signIn: () => elsewhere } }).options,
          ).signIn()
          expect(sent.body).toEqual({ url: elsewhere })
          expect(cookieNamed(sent, SESSION_COOKIE)).toBeUndefined()
        })
      },
    )

    claim(
      'reference-callback-jwt',
      "jwt (default: returns the token unchanged). Runs at sign-in, with the user, and on every read of the session; what it returns is sealed in the session cookie. Left as is, the token holds sub (the user's id), name, email and picture.",
      () => {
        it('runs with the user at sign-in and without it on each session read', async () => {
          const { options, trace } = tracedOptions()
          const browser = new Browser(options)
          await browser.signIn()
          await browser.session()
          await browser.session()
          const users = callsOf(trace, 'jwt').map((call) => call.user)
          expect(users).toEqual([expect.objectContaining({ id: ADA.id }), undefined, undefined])
        })

        it('seals sub, name, email and picture by default, and what it returns when set', async () => {
          const browser = new Browser(tracedOptions().options)
          await browser.signIn()
          const token = await tokenIn(browser)
          expect(Object.keys(token ?? {}).sort()).toEqual(
            ['email', 'exp', 'iat', 'jti', 'name', 'picture', 'sub'].sort(),
          )
          expect(token).toMatchObject({ sub: ADA.id, email: ADA.email, picture: ADA.image })

          const withRole = new Browser(
            tracedOptions({ callbacks: { jwt: ({ token }) => ({ ...token, role: 'editor' }) } })
              .options,
          )
          await withRole.signIn()
          expect(await tokenIn(withRole)).toMatchObject({ role: 'editor' })
        })
      },
    )

    claim(
      'reference-callback-session',
      'session (default: returns the session unchanged). Shapes what /api/auth/session, useSession() and getServerSession() return. Left as is, that is { user: { name, email, image }, expires }: no id.',
      () => {
        it('answers { user: { name, email, image }, expires } by default', async () => {
          const browser = new Browser(tracedOptions().options)
          await browser.signIn()
          const { body } = await browser.session()
          expect(body).toEqual({
            user: { name: ADA.name, email: ADA.email, image: ADA.image },
            expires: expect.any(String),
          })
        })

        it('shapes the answer of the endpoint, useSession() and getServerSession()', async () => {
          const { options } = tracedOptions({
            callbacks: { session: ({ session }) => ({ ...session, shaped: true }) },
          })
          const browser = new Browser(options)
          await browser.signIn()

          expect((await browser.session()).body).toMatchObject({ shaped: true })
          const { result } = await inSessionProvider(browser, LOGIN_PAGE, async (now) => now().data)
          expect(result).toMatchObject({ shaped: true })
          const { session } = await readServerSession(options, Object.fromEntries(browser.jar))
          expect(session).toMatchObject({ shaped: true })
        })
      },
    )

    claim(
      'reference-callback-redirect',
      "redirect (default: lets relative URLs and URLs of the site's own origin through; any other URL becomes the site's base URL). Decides where a callbackUrl may send the reader after signing in or out.",
      () => {
        it('keeps relative and same-origin URLs and replaces others, after sign-in', async () => {
          const after = async (callbackUrl: string) => {
            const answer = await new Browser(tracedOptions().options).signIn(undefined, {
              callbackUrl,
            })
            return (answer.body as { url: string }).url
          }
          expect(await after('/account')).toBe('http://localhost:3000/account')
          expect(await after('http://localhost:3000/lab')).toBe('http://localhost:3000/lab')
          expect(await after('https://evil.example/phish')).toBe('http://localhost:3000')
        })

        it('does the same after sign-out', async () => {
          const browser = new Browser(tracedOptions().options)
          await browser.signIn()
          const answer = await signOut(browser, 'https://evil.example/phish')
          expect(answer.body).toEqual({ url: 'http://localhost:3000' })
        })
      },
    )
  })

  describe('events', () => {
    claim(
      'reference-events-errors',
      'None is set by default. NextAuth waits for each one and ignores what it returns; one that throws is logged as <NAME>_EVENT_ERROR (SIGN_OUT_EVENT_ERROR) and the request goes on.',
      () => {
        it('has no event by default', async () => {
          expect((await resolvedOptions()).events).toEqual({})
        })

        it('waits for an event, and signs in whatever it returns', async () => {
          let finished = false
          const signIn = async () => {
            await new Promise((resolve) => setTimeout(resolve, 20))
            finished = true
            return false
          }
          // why: the types say an event returns nothing; this one returns false on purpose.
          const events = { signIn: signIn as unknown as () => Promise<void> }
          const answer = await new Browser(tracedOptions({ events }).options).signIn()
          expect(finished).toBe(true)
          expect(cookieNamed(answer, SESSION_COOKIE)).toBeDefined()
        })

        it('logs SIGN_OUT_EVENT_ERROR when signOut throws, and signs out all the same', async () => {
          const signOutEvent = () => {
            throw new Error('backend down')
          }
          const browser = new Browser(tracedOptions({ events: { signOut: signOutEvent } }).options)
          await browser.signIn()
          await signOut(browser)
          expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
          expect(logs.errors()).toContain('[next-auth][error][SIGN_OUT_EVENT_ERROR]')
        })
      },
    )

    claim(
      'reference-event-sign-in',
      'signIn receives { user, account } after a successful sign-in.',
      () => {
        it('runs once per successful sign-in with the user and the account, never on a failed one', async () => {
          const signIn = vi.fn()
          await new Browser(tracedOptions({ events: { signIn } }).options).signIn()
          await new Browser(
            tracedOptions({ events: { signIn }, authorize: () => null }).options,
          ).signIn()
          expect(signIn).toHaveBeenCalledTimes(1)
          expect(signIn).toHaveBeenCalledWith({
            user: expect.objectContaining({ id: ADA.id }),
            account: { providerAccountId: ADA.id, type: 'credentials', provider: 'login' },
          })
        })
      },
    )

    claim(
      'reference-event-sign-out',
      "signOut receives { token } when the reader signs out, with the session's token decoded.",
      () => {
        it('runs on sign-out with the decoded token', async () => {
          const signOutEvent = vi.fn()
          const browser = new Browser(tracedOptions({ events: { signOut: signOutEvent } }).options)
          await browser.signIn()
          expect(signOutEvent).not.toHaveBeenCalled()
          await signOut(browser)
          expect(signOutEvent).toHaveBeenCalledWith({
            token: expect.objectContaining({ sub: ADA.id, email: ADA.email }),
          })
        })
      },
    )

    claim(
      'reference-event-session',
      'session receives { session, token } on every read of the session.',
      () => {
        it('runs once per session read with the session and the token', async () => {
          const session = vi.fn()
          const browser = new Browser(tracedOptions({ events: { session } }).options)
          await browser.signIn()
          expect(session).not.toHaveBeenCalled()
          await browser.session()
          await browser.session()
          expect(session).toHaveBeenCalledTimes(2)
          expect(session).toHaveBeenLastCalledWith({
            session: expect.objectContaining({
              user: expect.objectContaining({ email: ADA.email }),
            }),
            token: expect.objectContaining({ sub: ADA.id }),
          })
        })
      },
    )
  })

  describe('session', () => {
    claim(
      'reference-session-strategy',
      "strategy (default: 'jwt', or 'database' once an adapter is set). Where the session lives: in an encrypted cookie, or in the adapter's database. Credentials sessions work only as 'jwt', so write it out when you add an adapter.",
      () => {
        it("defaults to 'jwt', and to 'database' with an adapter", async () => {
          expect((await resolvedOptions()).session.strategy).toBe('jwt')
          const { adapter } = recordingAdapter()
          expect((await resolvedOptions({ adapter })).session.strategy).toBe('database')
        })

        it("loses a Credentials session with an adapter, and keeps it with strategy 'jwt' written out", async () => {
          const { adapter } = recordingAdapter()
          const lost = new Browser(tracedOptions({ adapter }).options)
          await lost.signIn()
          expect((await lost.session()).body).toEqual({})

          const kept = new Browser(tracedOptions({ adapter, session: { strategy: 'jwt' } }).options)
          await kept.signIn()
          expect((await kept.session()).body).toMatchObject({ user: { email: ADA.email } })
        })
      },
    )

    claim(
      'reference-session-max-age',
      'maxAge (default: 30 days (2,592,000 seconds)). How long the session cookie lasts. Every read of the session re-issues it with a fresh expiry, so it works as an idle timeout.',
      () => {
        it('sets the cookie for 30 days, and again for 30 days from each read', async () => {
          expect((await resolvedOptions()).session.maxAge).toBe(2_592_000)
          vi.useFakeTimers({ toFake: ['Date'], now: START })
          const browser = new Browser(tracedOptions().options)
          const signedIn = await browser.signIn()
          expect(cookieNamed(signedIn, SESSION_COOKIE)?.options.expires).toEqual(
            new Date(START.getTime() + THIRTY_DAYS * 1000),
          )

          vi.setSystemTime(START.getTime() + 5 * HOUR_MS)
          const read = await browser.session()
          expect(cookieNamed(read, SESSION_COOKIE)?.options.expires).toEqual(
            new Date(Date.now() + THIRTY_DAYS * 1000),
          )
        })
      },
    )

    claim(
      'reference-session-update-age',
      "updateAge (default: 24 hours (86,400 seconds)). How often a database session's expiry is pushed back. With 'jwt' it changes nothing: every read re-issues the cookie anyway.",
      () => {
        it('is 24 hours, and a JWT session is re-issued on a read a minute after sign-in', async () => {
          expect((await resolvedOptions()).session.updateAge).toBe(86_400)
          vi.useFakeTimers({ toFake: ['Date'], now: START })
          const browser = new Browser(
            tracedOptions({ session: { updateAge: THIRTY_DAYS } }).options,
          )
          await browser.signIn()
          vi.setSystemTime(START.getTime() + 60_000)
          const read = await browser.session()
          expect(cookieNamed(read, SESSION_COOKIE)?.options.expires).toEqual(
            new Date(Date.now() + THIRTY_DAYS * 1000),
          )
        })

        it('pushes a database session back only once it is a day old', async () => {
          vi.useFakeTimers({ toFake: ['Date'], now: START })
          const updated: Date[] = []
          const adapterFor = (ageHours: number): Adapter => ({
            ...recordingAdapter().adapter,
            getSessionAndUser: async (sessionToken) => ({
              user: { ...ADA, email: ADA.email ?? '', emailVerified: null },
              session: {
                sessionToken,
                userId: ADA.id,
                expires: new Date(Date.now() + THIRTY_DAYS * 1000 - ageHours * HOUR_MS),
              },
            }),
            updateSession: async (session) => {
              if (session.expires) updated.push(session.expires)
              return null
            },
          })
          const cookies = { [SESSION_COOKIE]: 'database-session-id' }
          await callAuth(tracedOptions({ adapter: adapterFor(23) }).options, {
            path: '/api/auth/session',
            cookies,
          })
          expect(updated).toEqual([])
          await callAuth(tracedOptions({ adapter: adapterFor(25) }).options, {
            path: '/api/auth/session',
            cookies,
          })
          expect(updated).toEqual([new Date(Date.now() + THIRTY_DAYS * 1000)])
        })
      },
    )
  })

  describe('jwt', () => {
    claim(
      'reference-jwt-max-age',
      'maxAge (default: 30 days, whatever session.maxAge says). The expiry sealed in the token made at sign-in. Each later read of the session seals a new token that expires after session.maxAge instead.',
      () => {
        it('seals 30 days at sign-in under an 8-hour session, then 8 hours from the first read', async () => {
          expect((await resolvedOptions({ session: { maxAge: EIGHT_HOURS } })).jwt.maxAge).toBe(
            THIRTY_DAYS,
          )
          vi.useFakeTimers({ toFake: ['Date'], now: START })
          const browser = new Browser(tracedOptions({ session: { maxAge: EIGHT_HOURS } }).options)
          await browser.signIn()
          expect(lifetimeOf(await tokenIn(browser))).toBe(THIRTY_DAYS)

          vi.setSystemTime(START.getTime() + HOUR_MS)
          await browser.session()
          expect(lifetimeOf(await tokenIn(browser))).toBe(EIGHT_HOURS)
        })
      },
    )

    claim(
      'reference-jwt-encode-decode',
      "encode, decode (default: NextAuth's own: a JWT encrypted with dir and A256GCM under a key derived from the secret). Turn the token into the cookie's value and back. Replace both or neither.",
      () => {
        it('seals the cookie with dir and A256GCM, readable with the secret only', async () => {
          const browser = new Browser(tracedOptions().options)
          await browser.signIn()
          const value = browser.jar.get(SESSION_COOKIE) ?? ''
          expect(decodeProtectedHeader(value)).toEqual({ alg: 'dir', enc: 'A256GCM' })
          expect(await decode({ token: value, secret: SECRET })).toMatchObject({ sub: ADA.id })
          await expect(decode({ token: value, secret: OTHER_SECRET })).rejects.toThrow()
        })

        it('uses a replaced pair both ways, and loses the session with only encode replaced', async () => {
          const encode = async ({ token }: { token?: JWT }) =>
            `plain.${Buffer.from(JSON.stringify(token)).toString('base64url')}`
          const decodePlain = async ({ token }: { token?: string }) =>
            JSON.parse(Buffer.from(String(token).slice(6), 'base64url').toString()) as JWT

          const both = new Browser(tracedOptions({ jwt: { encode, decode: decodePlain } }).options)
          await both.signIn()
          expect(both.jar.get(SESSION_COOKIE)).toMatch(/^plain\./)
          expect((await both.session()).body).toMatchObject({ user: { email: ADA.email } })

          const half = new Browser(tracedOptions({ jwt: { encode } }).options)
          await half.signIn()
          expect((await half.session()).body).toEqual({})
        })
      },
    )
  })

  describe('cookies', () => {
    claim(
      'reference-use-secure-cookies',
      'useSecureCookies (default: true when NEXTAUTH_URL starts with https://). Marks every cookie Secure, and prefixes their names: __Host- for the CSRF cookie, __Secure- for the others.',
      () => {
        it('prefixes and secures the cookies for an https site only', async () => {
          const names = (options: InitOptions) =>
            Object.fromEntries(
              ['sessionToken', 'csrfToken', 'callbackUrl'].map((key) => [
                options.cookies[key]?.name,
                options.cookies[key]?.options.secure,
              ]),
            )
          expect(names(await resolvedOptions({}, 'https://handbook.example'))).toEqual({
            '__Secure-next-auth.session-token': true,
            '__Host-next-auth.csrf-token': true,
            '__Secure-next-auth.callback-url': true,
          })
          expect(names(await resolvedOptions({}, 'http://localhost:3000'))).toEqual({
            'next-auth.session-token': false,
            'next-auth.csrf-token': false,
            'next-auth.callback-url': false,
          })
        })

        it('follows NEXTAUTH_URL in a real request', async () => {
          const restore = setEnv({ NEXTAUTH_URL: 'https://handbook.example' })
          try {
            const answer = await callAuth(tracedOptions().options, { path: '/api/auth/csrf' })
            expect(cookieNamed(answer, '__Host-next-auth.csrf-token')?.options.secure).toBe(true)
          } finally {
            restore()
          }
        })
      },
    )

    claim(
      'reference-cookies',
      "cookies (default: next-auth.session-token, next-auth.csrf-token and next-auth.callback-url, each HttpOnly, SameSite=Lax and Path=/). Renames a cookie or changes its attributes. An entry replaces that cookie's name and options as a whole, so repeat the attributes you keep; the cookies you leave out keep their defaults.",
      () => {
        it('sets the three cookies HttpOnly, SameSite=Lax and Path=/ by default', async () => {
          const browser = new Browser(tracedOptions().options)
          const csrf = await browser.request({ path: '/api/auth/csrf' })
          const signedIn = await browser.signIn()
          const cookies = [...csrf.cookies, ...signedIn.cookies]
          expect(cookies.map((cookie) => cookie.name).sort()).toEqual([
            'next-auth.callback-url',
            'next-auth.csrf-token',
            'next-auth.session-token',
          ])
          for (const cookie of cookies) {
            expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' })
          }
        })

        it('replaces one cookie as a whole and keeps the others', async () => {
          const cookies = { sessionToken: { name: 'app.session', options: { path: '/' } } }
          const browser = new Browser(tracedOptions({ cookies }).options)
          const csrf = await browser.request({ path: '/api/auth/csrf' })
          const signedIn = await browser.signIn()

          const session = cookieNamed(signedIn, 'app.session')
          expect(session?.options.httpOnly).toBeUndefined()
          expect(cookieNamed(signedIn, SESSION_COOKIE)).toBeUndefined()
          expect(cookieNamed(csrf, 'next-auth.csrf-token')?.options).toMatchObject({
            httpOnly: true,
            sameSite: 'lax',
          })
        })
      },
    )
  })

  describe('pages', () => {
    claim(
      'reference-pages-sign-in',
      'signIn (default: the built-in page at /api/auth/signin). Where GET /api/auth/signin sends the reader instead, with callbackUrl, and error after a failed sign-in, in the query.',
      () => {
        it('serves its own page by default, and redirects to pages.signIn with the query', async () => {
          const builtIn = await callAuth(tracedOptions().options, { path: '/api/auth/signin' })
          expect(builtIn.status).toBe(200)
          expect(String(builtIn.body)).toContain('<form')

          const options = tracedOptions({ pages: { signIn: '/sign-in' } }).options
          const plain = await callAuth(options, { path: '/api/auth/signin' })
          expect(plain.location).toBe('/sign-in?callbackUrl=http%3A%2F%2Flocalhost%3A3000')
          const failed = await callAuth(options, {
            path: '/api/auth/signin?error=CredentialsSignin',
          })
          expect(failed.location).toBe(
            '/sign-in?callbackUrl=http%3A%2F%2Flocalhost%3A3000&error=CredentialsSignin',
          )
        })
      },
    )

    claim(
      'reference-pages-sign-out',
      'signOut (default: the built-in page at /api/auth/signout). Where GET /api/auth/signout sends the reader instead. Signing out itself stays a POST to /api/auth/signout.',
      () => {
        it('redirects the GET to pages.signOut, and signs out on the POST', async () => {
          const builtIn = await callAuth(tracedOptions().options, { path: '/api/auth/signout' })
          expect(builtIn.status).toBe(200)
          expect(String(builtIn.body)).toContain('<form')

          const browser = new Browser(tracedOptions({ pages: { signOut: '/bye' } }).options)
          await browser.signIn()
          const get = await browser.request({ path: '/api/auth/signout' })
          expect(get.location).toBe('/bye')
          expect(browser.jar.has(SESSION_COOKIE)).toBe(true)
          await signOut(browser)
          expect(browser.jar.has(SESSION_COOKIE)).toBe(false)
        })
      },
    )

    claim(
      'reference-pages-error',
      'error (default: the built-in page at /api/auth/error). Where GET /api/auth/error sends the reader instead, with ?error=<code>. A CredentialsSignin error goes to the sign-in page, not here.',
      () => {
        it('redirects to pages.error with the code, except CredentialsSignin', async () => {
          const builtIn = await callAuth(tracedOptions().options, {
            path: '/api/auth/error?error=Configuration',
          })
          expect(builtIn.status).toBe(500)
          expect(String(builtIn.body)).toContain('<html')

          const options = tracedOptions({ pages: { error: '/oops' } }).options
          const configuration = await callAuth(options, {
            path: '/api/auth/error?error=Configuration',
          })
          expect(configuration.location).toBe('/oops?error=Configuration')
          const credentials = await callAuth(options, {
            path: '/api/auth/error?error=CredentialsSignin',
          })
          expect(credentials.location).toBe(
            'http://localhost:3000/api/auth/signin?error=CredentialsSignin',
          )
        })
      },
    )
  })

  describe('secret, logging and theme', () => {
    claim(
      'reference-secret',
      'secret (default: NEXTAUTH_SECRET, else AUTH_SECRET, from the environment). The key the session cookie is encrypted with and the CSRF token hashed with. In production, none is an error: NO_SECRET.',
      () => {
        const sessionWith = async (env: Record<string, string | undefined>) => {
          const browser = new Browser(tracedOptions().options)
          await browser.signIn()
          const restore = setEnv(env)
          try {
            const { options } = tracedOptions()
            const { session } = await readServerSession(
              { ...options, secret: undefined },
              Object.fromEntries(browser.jar),
            )
            return session
          } finally {
            restore()
          }
        }

        it('reads NEXTAUTH_SECRET, else AUTH_SECRET, in getServerSession()', async () => {
          expect(await sessionWith({ NEXTAUTH_SECRET: SECRET })).toMatchObject({
            user: { email: ADA.email },
          })
          expect(await sessionWith({ AUTH_SECRET: SECRET })).toMatchObject({
            user: { email: ADA.email },
          })
          expect(await sessionWith({ NEXTAUTH_SECRET: OTHER_SECRET, AUTH_SECRET: SECRET })).toBe(
            null,
          )
        })

        it('hashes the CSRF token with the secret', async () => {
          const answer = await callAuth(tracedOptions().options, { path: '/api/auth/csrf' })
          const { csrfToken } = answer.body as { csrfToken: string }
          const hash = createHash('sha256').update(`${csrfToken}${SECRET}`).digest('hex')
          expect(cookieNamed(answer, 'next-auth.csrf-token')?.value).toBe(`${csrfToken}|${hash}`)
        })

        it('fails with NO_SECRET in production without one', async () => {
          const restore = setEnv({ NODE_ENV: 'production' })
          try {
            const { options } = tracedOptions()
            const answer = await callAuth(
              { ...options, secret: undefined },
              {
                path: '/api/auth/session',
              },
            )
            expect(answer.status).toBe(500)
            expect(logs.errors()).toContain('[next-auth][error][NO_SECRET]')
          } finally {
            restore()
          }
        })
      },
    )

    claim(
      'reference-debug',
      "debug (default: false). true prints NextAuth's [next-auth][debug][…] lines and warns DEBUG_ENABLED. Off, the debug level prints nothing.",
      () => {
        // why: a large token makes NextAuth split the cookie, which it reports at the debug level.
        const bigToken = {
          jwt: ({ token }: { token: JWT }) => ({ ...token, notes: 'x'.repeat(5000) }),
        }
        const signInWithDebug = async (debug: boolean) => {
          const handler = loadAuthHandler({ fresh: true })
          const { options } = tracedOptions({ debug, callbacks: bigToken })
          await new Browser(options, { handler }).signIn()
        }

        it('prints debug lines and warns DEBUG_ENABLED with debug: true', async () => {
          expect((await resolvedOptions()).debug).toBe(false)
          await signInWithDebug(true)
          expect(logs.warnings()).toContain('[next-auth][warn][DEBUG_ENABLED]')
          expect(logs.debug()).toContain('[next-auth][debug][CHUNKING_SESSION_COOKIE]')
        })

        it('prints nothing at the debug level without it', async () => {
          await signInWithDebug(false)
          expect(logs.debug()).toEqual([])
          expect(logs.warnings()).not.toContain('[next-auth][warn][DEBUG_ENABLED]')
        })
      },
    )

    claim(
      'reference-logger',
      'logger (default: the console: [next-auth][error][CODE], [next-auth][warn][CODE], [next-auth][debug][CODE]). Replaces any of error, warn and debug with your function; a level you leave out keeps printing to the console.',
      () => {
        it('sends errors to the given function and warnings still to the console', async () => {
          const handler = loadAuthHandler({ fresh: true })
          const error = vi.fn()
          const { options } = tracedOptions({ logger: { error } })
          // why: without a secret outside production NextAuth warns NO_SECRET; a cookie it
          // cannot decrypt is an error, JWT_SESSION_ERROR.
          await callAuth(
            { ...options, secret: undefined },
            { path: '/api/auth/session', cookies: { [SESSION_COOKIE]: 'not-a-token' } },
            handler,
          )
          expect(error).toHaveBeenCalledWith('JWT_SESSION_ERROR', expect.anything())
          expect(logs.errors()).toEqual([])
          expect(logs.warnings()).toContain('[next-auth][warn][NO_SECRET]')
        })
      },
    )

    claim(
      'reference-theme',
      "theme (default: colorScheme: 'auto', no logo, no brand colour). Colours and logo of NextAuth's built-in pages: sign-in, sign-out and error.",
      () => {
        it('defaults to an automatic colour scheme and colours the built-in pages', async () => {
          expect((await resolvedOptions()).theme).toEqual({
            colorScheme: 'auto',
            logo: '',
            brandColor: '',
            buttonText: '',
          })
          const { options } = tracedOptions({ theme: { brandColor: '#0a7a5c' } })
          for (const path of ['/api/auth/signin', '/api/auth/signout', '/api/auth/error']) {
            const page = await callAuth(options, { path })
            expect(String(page.body), path).toContain('#0a7a5c')
          }
        })
      },
    )
  })
})
