import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'

import type {
  AuthOptions,
  CallbacksOptions,
  OutgoingResponse,
  RequestInternal,
  User,
} from 'next-auth'
import type { CredentialsConfig } from 'next-auth/providers/credentials'
import CredentialsProvider from 'next-auth/providers/credentials'
import type { SignInOptions, SignInResponse } from 'next-auth/react'
import { getToken } from 'next-auth/jwt'
import { getServerSession } from 'next-auth/next'
import { signIn } from 'next-auth/react'
import { afterEach, beforeEach, vi } from 'vitest'

// why: next-auth/core is not in the package's `exports` map, so it is loaded by file path, the
// same file the Next adapter (next-auth/next) requires as "../core".
const requireHere = createRequire(import.meta.url)
const NEXT_AUTH_ROOT = dirname(requireHere.resolve('next-auth'))
const requireInNextAuth = createRequire(join(NEXT_AUTH_ROOT, 'index.js'))

type AuthHandlerFn = (params: {
  req: RequestInternal
  options: AuthOptions
}) => Promise<OutgoingResponse>

/** A cookie as NextAuth's core returns it, before the adapter serialises it. */
export type AuthCookie = { name: string; value: string; options: Record<string, unknown> }

/**
 * NextAuth's core request handler. With `fresh`, a new copy of the whole library is loaded,
 * for claims about what happens on a process's first request (warnings are shown once per
 * process) or with `debug` (a request without `debug` silences debug logs for good).
 */
export function loadAuthHandler({ fresh = false } = {}): AuthHandlerFn {
  if (fresh) {
    for (const key of Object.keys(requireHere.cache)) {
      if (key.startsWith(NEXT_AUTH_ROOT + sep)) delete requireHere.cache[key]
    }
  }
  return (requireHere(join(NEXT_AUTH_ROOT, 'core/index.js')) as { AuthHandler: AuthHandlerFn })
    .AuthHandler
}

export const AuthHandler = loadAuthHandler()

/** The callbacks NextAuth uses when the options leave one out. */
const defaultCallbacks = requireHere(join(NEXT_AUTH_ROOT, 'core/lib/default-callbacks.js'))
  .defaultCallbacks as CallbacksOptions

// why: the adapter serialises with next-auth's own copy of `cookie`, not the app's newer one.
const { serialize } = requireInNextAuth('cookie') as {
  serialize: (name: string, value: string, options?: Record<string, unknown>) => string
}

/** NextAuth's session cookie name on plain HTTP, as every claim test reads it. */
export const SESSION_COOKIE = 'next-auth.session-token'

export const SECRET = 'claims-secret-0123456789abcdefghijklmnopqrstuvwxyz'
export const OTHER_SECRET = 'another-secret-0123456789abcdefghijklmnopqrstuvwx'

/** The user the default `authorize()` returns. */
export const ADA: User = {
  id: 'user-1',
  name: 'Ada Reader',
  role: 'reader',
  email: 'ada@example.com',
  image: 'https://example.com/ada.png',
  accessToken: 'access-1',
  accessTokenExpires: 1_900_000_000_000,
  refreshToken: 'refresh-1',
}

export type AuthRequest = {
  method?: 'GET' | 'POST'
  /** Path and query as the browser requests them, e.g. `/api/auth/callback/login?x=1`. */
  path: string
  body?: Record<string, unknown>
  cookies?: Record<string, string>
  headers?: Record<string, string>
}

export type AuthAnswer = {
  /** The status the browser sees: 302 for a redirect, unless the body asked for `json`. */
  status: number
  /** The Location header of a 302. */
  location: string | null
  body: unknown
  headers: Record<string, string>
  cookies: AuthCookie[]
  /** The Set-Cookie lines the pages-router adapter would send. */
  setCookie: string[]
}

/**
 * One request through NextAuth's core, translated the way `next-auth/next` does for the pages
 * router: action and provider id from the path, the secret from the environment, and a
 * redirect answered as `{ url }` when the body carries `json: 'true'`.
 */
export async function callAuth(
  options: AuthOptions,
  request: AuthRequest,
  handler: AuthHandlerFn = AuthHandler,
): Promise<AuthAnswer> {
  const url = new URL(request.path, 'http://localhost')
  const [action, providerId] = url.pathname.replace(/^\/api\/auth\/?/, '').split('/')
  const query = Object.fromEntries(url.searchParams)
  const cookies = request.cookies ?? {}
  const cookieHeader = Object.entries(cookies)
    .map(([name, value]) => serialize(name, value))
    .join('; ')
  const headers: Record<string, string> = {
    host: new URL(process.env.NEXTAUTH_URL ?? 'http://localhost:3000').host,
    ...(cookieHeader ? { cookie: cookieHeader } : {}),
    ...request.headers,
  }
  const secret =
    options.secret ?? options.jwt?.secret ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET
  const answer = await handler({
    req: {
      body: request.body,
      query,
      cookies,
      headers,
      method: request.method ?? 'GET',
      action: action as RequestInternal['action'],
      providerId,
      error: query.error ?? providerId,
    },
    options: { ...options, secret },
  })
  const answerCookies = (answer.cookies ?? []) as AuthCookie[]
  const common = {
    headers: Object.fromEntries((answer.headers ?? []).map(({ key, value }) => [key, value])),
    cookies: answerCookies,
    setCookie: answerCookies.map(({ name, value, options }) => serialize(name, value, options)),
  }
  if (answer.redirect && request.body?.json !== 'true') {
    return { ...common, status: 302, location: answer.redirect, body: undefined }
  }
  const body = answer.redirect ? { url: answer.redirect } : answer.body
  return { ...common, status: answer.status ?? 200, location: null, body }
}

function isExpired(cookie: AuthCookie): boolean {
  const { maxAge, expires } = cookie.options
  if (maxAge === 0) return true
  return expires instanceof Date && expires.getTime() <= Date.now()
}

/**
 * A browser with a cookie jar, talking to one NextAuth route. `fetch` lets next-auth/react's
 * real `signIn()` talk to it as well.
 */
export class Browser {
  readonly jar = new Map<string, string>()
  /** `METHOD /path` of every request, in order. */
  readonly requests: string[] = []

  constructor(
    /** Replace to simulate a redeploy with other options (another secret, say). */
    public options: AuthOptions,
    private readonly config: { handler?: AuthHandlerFn; acceptCookies?: boolean } = {},
  ) {}

  async request(request: AuthRequest): Promise<AuthAnswer> {
    this.requests.push(`${request.method ?? 'GET'} ${request.path.split('?')[0]}`)
    const cookies = { ...Object.fromEntries(this.jar), ...request.cookies }
    const answer = await callAuth(this.options, { ...request, cookies }, this.config.handler)
    if (this.config.acceptCookies === false) return answer
    for (const cookie of answer.cookies) {
      if (isExpired(cookie)) this.jar.delete(cookie.name)
      else this.jar.set(cookie.name, cookie.value)
    }
    return answer
  }

  async csrfToken(): Promise<string> {
    const { body } = await this.request({ path: '/api/auth/csrf' })
    return (body as { csrfToken: string }).csrfToken
  }

  /** What `signIn(providerId, fields)` posts, after fetching a CSRF token unless given one. */
  async signIn(
    fields: Record<string, string> = { email: 'ada@example.com', password: 'correct horse' },
    config: { providerId?: string; callbackUrl?: string; csrfToken?: string } = {},
  ): Promise<AuthAnswer> {
    const { providerId = 'login', callbackUrl } = config
    const csrfToken = config.csrfToken ?? (await this.csrfToken())
    return this.request({
      method: 'POST',
      path: `/api/auth/callback/${providerId}`,
      body: { ...fields, csrfToken, ...(callbackUrl ? { callbackUrl } : {}), json: 'true' },
    })
  }

  session(): Promise<AuthAnswer> {
    return this.request({ path: '/api/auth/session' })
  }

  /** A `fetch` for next-auth/react: same-origin requests with this browser's cookies. */
  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input), process.env.NEXTAUTH_URL ?? 'http://localhost:3000')
    const contentType = new Headers(init.headers).get('content-type') ?? ''
    const raw = init.body ? String(init.body) : undefined
    const body =
      raw === undefined
        ? undefined
        : contentType.includes('json')
          ? (JSON.parse(raw) as Record<string, unknown>)
          : Object.fromEntries(new URLSearchParams(raw))
    const method = init.method?.toUpperCase() === 'POST' || body ? 'POST' : 'GET'
    const answer = await this.request({ method, path: url.pathname + url.search, body })
    if (answer.location) {
      return new Response(null, { status: answer.status, headers: { location: answer.location } })
    }
    return Response.json(answer.body, { status: answer.status })
  }
}

/** Runs `action` with the global `fetch` sending every request to `browser`. */
export async function withClientFetch<T>(browser: Browser, action: () => Promise<T>): Promise<T> {
  const originalFetch = globalThis.fetch
  globalThis.fetch = browser.fetch as typeof fetch
  try {
    return await action()
  } finally {
    globalThis.fetch = originalFetch
  }
}

/**
 * next-auth/react's real `signIn()`, its requests sent to `browser`. Without a `window` stub
 * the client addresses NEXTAUTH_URL, as it does when it runs on a server.
 */
export function clientSignIn(
  browser: Browser,
  provider: string,
  options: SignInOptions,
): Promise<SignInResponse | undefined> {
  return withClientFetch(browser, () => signIn<'credentials'>(provider, options))
}

/**
 * `getServerSession(req, res, options)` from next-auth/next, with just enough of a request
 * (its cookies) and a response (its Set-Cookie header) around it.
 */
export async function readServerSession(options: AuthOptions, cookies: Record<string, string>) {
  const headers = new Map<string, string[]>()
  const req = { headers: {}, cookies }
  const res = {
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: string[]) => headers.set(name.toLowerCase(), value),
  }
  // why: getServerSession reads only these members of Next's request and response.
  const session = await getServerSession(req as never, res as never, options)
  return { session, setCookie: headers.get('set-cookie') ?? [] }
}

/** `getToken()` from next-auth/jwt, as an API route calls it, on a request with `cookies`. */
export function readToken(cookies: Record<string, string>, secret: string | undefined) {
  // why: getToken reads only the request's `cookies` and `headers`.
  return getToken({ req: { cookies, headers: {} } as never, secret })
}

/** Runs `action` with a minimal `window` whose `location.href` is `href`; returns the final href. */
export async function inWindowAt(href: string, action: () => Promise<unknown>): Promise<string> {
  const location = { href, reload: () => {} }
  vi.stubGlobal('window', { location })
  try {
    await action()
    return location.href
  } finally {
    vi.unstubAllGlobals()
  }
}

/** The name of each callback or `authorize()`, with a shallow copy of what it received. */
export type Step = {
  name: 'authorize' | 'signIn' | 'jwt' | 'session' | 'redirect'
  args: Record<string, unknown>
}

type TracedConfig = Partial<AuthOptions> & {
  authorize?: CredentialsConfig['authorize']
  providerId?: string
}

/**
 * Options with one Credentials provider (`login` unless `providerId` says otherwise) whose
 * `authorize()` and callbacks record every call in `trace`, then do what the given ones (or
 * NextAuth's defaults) do.
 */
export function tracedOptions(config: TracedConfig = {}) {
  const { authorize = () => ADA, providerId = 'login', callbacks = {}, ...rest } = config
  const trace: Step[] = []
  const record = (name: Step['name'], args: object) => trace.push({ name, args: { ...args } })
  const options: AuthOptions = {
    secret: SECRET,
    providers: [
      CredentialsProvider({
        id: providerId,
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        authorize: (credentials, req) => {
          record('authorize', { credentials, req })
          return authorize(credentials, req)
        },
      }),
    ],
    ...rest,
    callbacks: {
      signIn: (params) => {
        record('signIn', params)
        return (callbacks.signIn ?? defaultCallbacks.signIn)(params)
      },
      redirect: (params) => {
        record('redirect', params)
        return (callbacks.redirect ?? defaultCallbacks.redirect)(params)
      },
      jwt: (params) => {
        record('jwt', { ...params, token: { ...params.token } })
        return (callbacks.jwt ?? defaultCallbacks.jwt)(params)
      },
      session: (params) => {
        record('session', params)
        return (callbacks.session ?? defaultCallbacks.session)(params)
      },
    },
  }
  return { options, trace, steps: () => trace.map((step) => step.name) }
}

/** The arguments of each recorded call of one callback. */
export function callsOf(trace: Step[], name: Step['name']): Record<string, unknown>[] {
  return trace.filter((step) => step.name === name).map((step) => step.args)
}

/** Sets environment variables for each test of the file and restores them afterwards. */
export function useEnv(vars: Record<string, string | undefined>): void {
  let restore = () => {}
  beforeEach(() => {
    restore = setEnv(vars)
  })
  afterEach(() => restore())
}

/** Sets (or, for `undefined`, removes) environment variables; returns a function that undoes it. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]))
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
  apply(vars)
  return () => apply(saved)
}

/**
 * Silences and records what NextAuth's default logger prints: `[next-auth][error][CODE]`,
 * `[next-auth][warn][CODE]` and `[next-auth][debug][CODE]`.
 */
export function captureLogs() {
  const lines = { error: [] as string[], warn: [] as string[], log: [] as string[] }
  const spies = (Object.keys(lines) as (keyof typeof lines)[]).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines[level].push(String(args[0]))
    }),
  )
  return {
    errors: () => lines.error,
    warnings: () => lines.warn,
    debug: () => lines.log,
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  }
}

/** The cookie called `name` among those an answer sets. */
export function cookieNamed(answer: AuthAnswer, name: string): AuthCookie | undefined {
  return answer.cookies.find((cookie) => cookie.name === name)
}

/** The Set-Cookie line for `name`. */
export function setCookieLine(answer: AuthAnswer, name: string): string | undefined {
  return answer.setCookie.find((line) => line.startsWith(`${name}=`))
}
