import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'

import type { Adapter } from 'next-auth/adapters'
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
import type { SessionContextValue } from 'next-auth/react'
import { SessionProvider, signIn, useSession } from 'next-auth/react'
import { act, createElement, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
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
  /** With a `trace`: each request, and the names of the steps that ran while it was handled. */
  readonly stepsByRequest: { request: string; steps: Step['name'][] }[] = []

  constructor(
    /** Replace to simulate a redeploy with other options (another secret, say). */
    public options: AuthOptions,
    private readonly config: {
      handler?: AuthHandlerFn
      acceptCookies?: boolean
      /** The trace of `tracedOptions`, to fill `stepsByRequest` from. */
      trace?: Step[]
    } = {},
  ) {}

  async request(request: AuthRequest): Promise<AuthAnswer> {
    const label = `${request.method ?? 'GET'} ${request.path.split('?')[0]}`
    this.requests.push(label)
    const cookies = { ...Object.fromEntries(this.jar), ...request.cookies }
    const { trace } = this.config
    const stepsBefore = trace?.length ?? 0
    const answer = await callAuth(this.options, { ...request, cookies }, this.config.handler)
    if (trace) {
      const steps = trace.slice(stepsBefore).map((step) => step.name)
      this.stepsByRequest.push({ request: label, steps })
    }
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
    let answer: AuthAnswer
    try {
      answer = await this.request({ method, path: url.pathname + url.search, body })
    } catch {
      // why: an error that escapes NextAuth's handler (a jwt callback that throws, say) reaches
      // Next's API resolver, which answers a plain-text 500 (next/dist/server/api-utils/node/
      // api-resolver.js: sendError(apiRes, 500, 'Internal Server Error')).
      return new Response('Internal Server Error', { status: 500 })
    }
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

type WindowListener = (event: unknown) => void

/**
 * The listeners that the page of the running `inSessionProvider` added to `window`, by event
 * type, so a test can play the browser: `dispatchWindowEvent('storage', …)` is what another tab
 * writing to localStorage makes the browser do in this one.
 */
const windowListeners = new Map<string, WindowListener[]>()

export function dispatchWindowEvent(type: string, event: unknown): void {
  for (const listener of windowListeners.get(type) ?? []) listener(event)
}

type WindowEvents = {
  addEventListener: (type: string, listener: WindowListener) => void
  removeEventListener: (type: string, listener: WindowListener) => void
}

const IGNORED_EVENTS: WindowEvents = { addEventListener: () => {}, removeEventListener: () => {} }

/**
 * Stubs the least of a browser page at `href` that react-dom needs to mount a tree with no
 * elements in it, and that SessionProvider's effects need (event listeners,
 * `document.visibilityState`); returns the container to mount into and the page's `location`.
 * `windowEvents` receives the listeners added to `window`. A React upgrade that needs more fails
 * loudly in every test that uses this. Undo with `vi.unstubAllGlobals()`.
 */
export function stubReactPage(href: string, windowEvents: WindowEvents = IGNORED_EVENTS) {
  const document = { ...IGNORED_EVENTS, visibilityState: 'visible', activeElement: null }
  const location = { href, reload: () => {} }
  vi.stubGlobal('window', { ...windowEvents, document, location, HTMLIFrameElement: class {} })
  vi.stubGlobal('document', document)
  const container = {
    ...IGNORED_EVENTS,
    nodeType: 1,
    nodeName: 'DIV',
    tagName: 'DIV',
    namespaceURI: 'http://www.w3.org/1999/xhtml',
    ownerDocument: document,
  }
  return { container, location }
}

/**
 * Runs `action` in a page at `href` that has next-auth/react's real `SessionProvider` mounted
 * (react-dom, effects and all), every request going to `browser`, once the provider's first
 * session fetch is done. `action` can read what `useSession()` returns when it starts; it runs
 * inside `act()`, so it must not wait for a render. Resolves to what `action` returned and the
 * `useSession()` status after it.
 */
export async function inSessionProvider<T>(
  browser: Browser,
  href: string,
  action: (useSessionNow: () => SessionContextValue) => Promise<T>,
): Promise<{ result: T; status: SessionContextValue['status'] }> {
  const { container } = stubReactPage(href, {
    addEventListener: (type, listener) =>
      windowListeners.set(type, [...(windowListeners.get(type) ?? []), listener]),
    removeEventListener: (type, listener) =>
      windowListeners.set(
        type,
        (windowListeners.get(type) ?? []).filter((added) => added !== listener),
      ),
  })
  windowListeners.clear()
  vi.stubGlobal('IS_REACT_ACT_ENVIRONMENT', true)
  let latest: SessionContextValue | undefined
  function Probe() {
    const session = useSession()
    useEffect(() => {
      latest = session
    }, [session])
    return null
  }
  const useSessionNow = () => {
    if (!latest) throw new Error('SessionProvider has not rendered')
    return latest
  }
  return withClientFetch(browser, async () => {
    // why: react-dom only needs the members above; the container is never drawn into.
    const root = createRoot(container as unknown as Element)
    try {
      await act(async () => root.render(createElement(SessionProvider, null, createElement(Probe))))
      // why: an act() scope holds back every render until its callback settles, so waiting in
      // one for the provider to render would never end; each short scope lets one batch through.
      for (let turn = 0; !latest || latest.status === 'loading'; turn++) {
        if (turn === 200) throw new Error('SessionProvider never finished its first session fetch')
        await act(() => new Promise((resolve) => setTimeout(resolve, 5)))
      }
      const result = await act(() => action(useSessionNow))
      return { result, status: useSessionNow().status }
    } finally {
      await act(async () => root.unmount())
      vi.unstubAllGlobals()
    }
  })
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

/** The page a reader signs in from in the tests that mount `SessionProvider`. */
export const LOGIN_PAGE = 'http://localhost:3000/login'

/**
 * The real `signIn('login', { redirect: false })` of next-auth/react, called from a page with
 * `SessionProvider` mounted: what it resolved to, the `useSession()` status after, and each
 * request it caused with the steps (callbacks, `authorize()`) that ran in it. The provider's
 * own first session fetch, before the sign-in, is left out.
 */
export async function signInFromPage(config: TracedConfig = {}) {
  const { options, trace } = tracedOptions(config)
  const browser = new Browser(options, { trace })
  const { result, status } = await inSessionProvider(browser, LOGIN_PAGE, () => {
    browser.requests.length = 0
    browser.stepsByRequest.length = 0
    return signIn('login', { email: 'ada@example.com', password: 'pw', redirect: false })
  })
  return { result, status, requests: browser.requests, stepsByRequest: browser.stepsByRequest }
}

/** An adapter that knows nothing and records the name of every method NextAuth calls. */
export function recordingAdapter() {
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
