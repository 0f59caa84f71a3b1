import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import type { AuthOptions, User } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import type { SessionContextValue } from 'next-auth/react'
import {
  getSession,
  SessionProvider as RealSessionProvider,
  useSession as realUseSession,
} from 'next-auth/react'
import type { FunctionComponent, ReactNode } from 'react'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { authorize, createCallbacks } from '@/components/sandboxes/callbacks-pipeline/callbacks'
import type {
  Authorize,
  Callbacks,
  FlowOutcome,
  StepName,
} from '@/components/sandboxes/callbacks-pipeline/credentials-flow-model'
import { runCredentialsSignIn } from '@/components/sandboxes/callbacks-pipeline/credentials-flow-model'
import * as sessionModel from '@/components/sandboxes/use-session-states/next-auth-react-model'
import { createSiteCallbacks } from '@/lib/auth/callbacks'
import type { BackendClient } from '@reference-app/lib/backend'

import {
  Browser,
  captureLogs,
  clientSignIn,
  SECRET,
  useEnv,
  withClientFetch,
} from './claims/next-auth-harness'

const SITE = 'http://localhost:3000'
const PAGE = `${SITE}/lab`
const DEMO = { email: 'demo@example.com', password: 'handbook demo password' }
const CALLBACK_REQUEST = 'POST /api/auth/callback/login'
const SESSION_REQUEST = 'GET /api/auth/session'

// why: the defaults are what next-auth runs for a callback you leave out; loaded by file path
// because next-auth/core is not in the package's exports map (see next-auth-harness.ts).
const requireHere = createRequire(import.meta.url)
const realDefaults = requireHere(
  join(dirname(requireHere.resolve('next-auth')), 'core/lib/default-callbacks.js'),
).defaultCallbacks as Callbacks

/** Minutes from now, rounded: the same on both sides when the arithmetic is the same. */
const minutesFromNow = (ms: number) => `in ${Math.round((ms - Date.now()) / 60_000)} min`

/**
 * Values that differ on every run become comparable: times become minutes from now (so the
 * `maxAge` arithmetic is compared, not hidden), random ids placeholders; JSON drops undefined.
 */
function normalize(value: unknown): unknown {
  if (value === undefined) return undefined
  const varying: Record<string, (inner: unknown) => unknown> = {
    iat: (inner) => minutesFromNow(Number(inner) * 1000),
    exp: (inner) => minutesFromNow(Number(inner) * 1000),
    expires: (inner) => minutesFromNow(Date.parse(String(inner))),
    jti: () => '<id>',
    csrfToken: () => '<csrf>',
  }
  return JSON.parse(JSON.stringify(value), (key, inner: unknown) =>
    key in varying && inner !== null && inner !== undefined ? varying[key]?.(inner) : inner,
  )
}

type Recorded = { name: StepName; args: unknown; result?: unknown; error?: string }
type Comparable = {
  /** Each request to NextAuth: the steps it ran and the HTTP status the browser saw. */
  requests: { label: string; status: number; steps: Recorded[] }[]
  signInResult: unknown
  rejected: boolean
  session: unknown
}

type Setup = {
  authorize: Authorize
  callbacks: Partial<Callbacks>
  maxAgeSeconds?: number
  jwtMaxAgeSeconds?: number
}
type Fields = Record<string, string>

/** The model's outcome, in the form both sides are compared in. */
async function throughModel(setup: Setup, fields: Fields): Promise<Comparable> {
  const outcome: FlowOutcome = await runCredentialsSignIn({
    ...setup,
    options: { redirect: false, callbackUrl: PAGE, ...fields },
    siteUrl: SITE,
    pageUrl: PAGE,
    maxAgeSeconds: setup.maxAgeSeconds,
    jwtMaxAgeSeconds: setup.jwtMaxAgeSeconds,
  })
  return {
    requests: outcome.requests.map(({ label, status, steps }) => ({
      label,
      status,
      steps: steps.map((step) => ({
        ...step,
        args: normalize(step.args),
        result: normalize(step.result),
      })),
    })),
    signInResult: outcome.signInResult,
    rejected: outcome.rejected !== null,
    session: normalize(outcome.session),
  }
}

/** A harness browser that also notes the HTTP status of each answer (500 for an escaped throw). */
class StatusRecordingBrowser extends Browser {
  readonly statuses = new Map<string, number>()

  override async request(...args: Parameters<Browser['request']>) {
    const [{ method = 'GET', path }] = args
    const label = `${method} ${path.split('?')[0]}`
    try {
      const answer = await super.request(...args)
      this.statuses.set(label, answer.status)
      return answer
    } catch (error) {
      // why: Next's API resolver answers an error that escapes NextAuth with a 500.
      this.statuses.set(label, 500)
      throw error
    }
  }

  statusOf(label: string): number {
    return this.statuses.get(label) ?? 0
  }
}

/**
 * The same authorize() and callbacks inside the real next-auth: its AuthHandler answers the
 * real signIn() of next-auth/react, then the real getSession() (what SessionProvider does after
 * an ok sign-in), and every call is recorded with the request it ran in.
 */
async function throughNextAuth(setup: Setup, fields: Fields): Promise<Comparable> {
  const steps: (Recorded & { request: string })[] = []
  const callbacks: Callbacks = { ...realDefaults, ...setup.callbacks }
  const record = async <T>(name: StepName, args: object, run: () => T | Promise<T>) => {
    // why: called only once `browser` below exists, while it is handling a request.
    const entry = { request: browser.requests.at(-1) ?? '', name, args: normalize(args) }
    steps.push(entry)
    try {
      const result = await run()
      Object.assign(entry, { result: normalize(result) })
      return result
    } catch (error) {
      Object.assign(entry, { error: (error as Error).message })
      throw error
    }
  }
  // why: the sandbox's callbacks have the model's types; at run time they take the same objects.
  const options: AuthOptions = {
    secret: SECRET,
    ...(setup.maxAgeSeconds ? { session: { maxAge: setup.maxAgeSeconds } } : {}),
    ...(setup.jwtMaxAgeSeconds ? { jwt: { maxAge: setup.jwtMaxAgeSeconds } } : {}),
    providers: [
      CredentialsProvider({
        id: 'login',
        credentials: {},
        authorize: (credentials) =>
          record('authorize', { credentials }, () =>
            setup.authorize(credentials as Fields),
          ) as Promise<User | null>,
      }),
    ],
    callbacks: {
      redirect: (params) => record('redirect', params, () => callbacks.redirect(params)),
      signIn: (params) => record('signIn', params, () => callbacks.signIn(params as never)),
      jwt: (params) => record('jwt', params, () => callbacks.jwt(params as never)) as never,
      session: (params) =>
        record('session', params, () => callbacks.session(params as never)) as never,
    },
  }
  const browser = new StatusRecordingBrowser(options)
  let signInResult: unknown = null
  let rejected = false
  let session: unknown = null
  // why: next-auth logs a callback that throws during a session read; the test expects it.
  const logs = captureLogs()
  try {
    const result = await clientSignIn(browser, 'login', {
      redirect: false,
      callbackUrl: PAGE,
      ...fields,
    })
    signInResult = result
    if (result?.ok) session = await withClientFetch(browser, () => getSession())
  } catch {
    rejected = true
  } finally {
    logs.restore()
  }
  // why: signIn() first fetches /providers and /csrf, where only redirect can run; the model
  // leaves those two requests out.
  const labels = [...new Set(steps.map((step) => step.request))].filter(
    (label) => label === CALLBACK_REQUEST || label === SESSION_REQUEST,
  )
  return {
    requests: labels.map((label) => ({
      label,
      status: browser.statusOf(label),
      steps: steps
        .filter((step) => step.request === label)
        .map(({ request: _request, ...step }) => step),
    })),
    signInResult: rejected ? null : signInResult,
    rejected,
    session: normalize(session),
  }
}

const sandbox: Setup = { authorize, callbacks: createCallbacks(SITE) }
const withCallback = (overrides: Partial<Callbacks>): Setup => ({
  authorize,
  callbacks: { ...createCallbacks(SITE), ...overrides },
})

const cases: { name: string; setup: Setup; fields: Fields; signIn?: unknown }[] = [
  {
    name: 'the demo account signs in',
    setup: sandbox,
    fields: { ...DEMO, scenario: 'normal' },
    signIn: { error: null, status: 200, ok: true, url: PAGE },
  },
  {
    name: 'a wrong password',
    setup: sandbox,
    fields: { ...DEMO, password: 'not the demo password', scenario: 'normal' },
    signIn: { error: 'CredentialsSignin', status: 401, ok: false, url: null },
  },
  {
    name: 'authorize() returns null',
    setup: sandbox,
    fields: { ...DEMO, scenario: 'authorize-returns-null' },
    signIn: { error: 'CredentialsSignin', status: 401, ok: false, url: null },
  },
  {
    name: 'authorize() throws',
    setup: sandbox,
    fields: { ...DEMO, scenario: 'authorize-throws' },
    signIn: { error: 'lab_scenario_error', status: 401, ok: false, url: null },
  },
  {
    name: 'the signIn callback returns false',
    setup: sandbox,
    fields: { ...DEMO, scenario: 'signin-returns-false' },
    signIn: { error: 'AccessDenied', status: 403, ok: false, url: null },
  },
  {
    name: 'the signIn callback returns a URL',
    setup: sandbox,
    fields: { ...DEMO, scenario: 'signin-returns-url' },
    signIn: { error: null, status: 200, ok: true, url: `${SITE}/lab#signin-returned-a-url` },
  },
  {
    name: 'the signIn callback throws',
    setup: withCallback({
      signIn: () => {
        throw new Error('banned')
      },
    }),
    fields: DEMO,
    signIn: { error: 'banned', status: 200, ok: true, url: null },
  },
  {
    name: 'the signIn callback returns a relative URL',
    setup: withCallback({ signIn: () => '/welcome' }),
    fields: DEMO,
  },
  {
    name: 'jwt throws on sign-in',
    setup: withCallback({
      jwt: ({ user }) => {
        if (user) throw new Error('no token today')
        return {}
      },
    }),
    fields: DEMO,
  },
  {
    name: 'session throws on the session read',
    setup: withCallback({
      session: () => {
        throw new Error('no session today')
      },
    }),
    fields: DEMO,
  },
  {
    name: 'jwt renames the user on the session read',
    setup: withCallback({
      jwt: ({ token, user }) => (user ? { ...token, id: user.id } : { ...token, name: 'Renamed' }),
    }),
    fields: DEMO,
  },
  {
    // why: a database's id is often a number; next-auth hands jwt `sub: "42"`, not 42.
    name: 'authorize() returns a numeric id',
    setup: {
      authorize: () => ({ id: 42, name: 'Ada', email: 'ada@example.com' }) as never,
      callbacks: createCallbacks(SITE),
    },
    fields: DEMO,
  },
  {
    // why: the token's exp keeps next-auth's 30 days; only `expires` follows session.maxAge.
    name: 'the session lasts one hour (session.maxAge alone)',
    setup: { ...sandbox, maxAgeSeconds: 60 * 60 },
    fields: DEMO,
  },
  {
    name: 'session and token last eight hours (session.maxAge and jwt.maxAge, as on this site)',
    setup: { ...sandbox, maxAgeSeconds: 8 * 60 * 60, jwtMaxAgeSeconds: 8 * 60 * 60 },
    fields: DEMO,
  },
  {
    name: 'no callbacks at all (next-auth’s defaults)',
    setup: { authorize, callbacks: {} },
    fields: DEMO,
  },
]

describe('the callbacks sandbox’s model of a Credentials sign-in', () => {
  useEnv({ NEXTAUTH_URL: SITE, NEXTAUTH_SECRET: undefined })

  for (const { name, setup, fields, signIn } of cases) {
    it(`runs the same steps with the same arguments and results as next-auth when ${name}`, async () => {
      const real = await throughNextAuth(setup, fields)
      const model = await throughModel(setup, fields)

      expect(model).toEqual(real)
      if (signIn) expect(model.signInResult).toEqual(signIn)
    })
  }

  // A test that cannot fail is a defect: the comparison must notice a model that drifts.
  it('notices a model that would run session before jwt', async () => {
    const real = await throughNextAuth(sandbox, DEMO)
    const model = await throughModel(sandbox, DEMO)
    const sessionSteps = model.requests[1]?.steps ?? []
    sessionSteps.reverse()
    expect(model).not.toEqual(real)
  })

  it('reports the order the chapter teaches: redirect, authorize, signIn, jwt; then redirect, jwt, session', async () => {
    const model = await throughModel(sandbox, DEMO)
    expect(model.requests.map(({ label, steps }) => [label, steps.map((s) => s.name)])).toEqual([
      [CALLBACK_REQUEST, ['redirect', 'authorize', 'signIn', 'jwt']],
      [SESSION_REQUEST, ['redirect', 'jwt', 'session']],
    ])
    expect(model.session).toEqual({
      user: { name: 'Demo Reader', email: 'demo@example.com', role: 'reader', id: 'demo-user' },
      expires: `in ${30 * 24 * 60} min`,
    })
  })
})

/** What `useSession(options)` returned inside `Provider` given `session`, rendered on a server. */
function valueInside(
  Provider: FunctionComponent<{ session?: unknown; children?: ReactNode }>,
  useHook: (options?: { required: true; onUnauthenticated: () => void }) => unknown,
  session: unknown,
  options?: { required: true; onUnauthenticated: () => void },
) {
  let value: Record<string, unknown> = {}
  function Probe() {
    value = useHook(options) as Record<string, unknown>
    return null
  }
  renderToString(createElement(Provider, { session }, createElement(Probe)))
  return value
}

const realProvider = RealSessionProvider as FunctionComponent<{ session?: unknown }>
const modelProvider = sessionModel.SessionProvider as FunctionComponent<{ session?: unknown }>

/** The site's real session JSON for the demo account, from its own session callback. */
async function siteSession() {
  const client = {} as BackendClient
  const options: AuthOptions = {
    secret: SECRET,
    providers: [
      CredentialsProvider({
        id: 'login',
        credentials: {},
        authorize: () => ({
          id: 'demo-user',
          name: 'Demo Reader',
          email: 'demo@example.com',
          role: 'reader',
          accessToken: 'access',
          accessTokenExpires: Date.now() + 15 * 60 * 1000,
          refreshToken: 'refresh',
        }),
      }),
    ],
    callbacks: createSiteCallbacks(client, SITE),
  }
  const browser = new Browser(options)
  await browser.signIn()
  return (await browser.session()).body
}

describe('the useSession sandbox’s model', () => {
  useEnv({ NEXTAUTH_URL: SITE, NEXTAUTH_SECRET: undefined })

  const states = [
    { status: 'loading', session: () => undefined },
    { status: 'unauthenticated', session: () => null },
    { status: 'authenticated', session: () => sessionModel.demoSession() },
  ] as const

  for (const { status, session } of states) {
    it(`hands a page the same ${status} object as next-auth/react's SessionProvider`, () => {
      const given = session()
      const real = valueInside(realProvider, realUseSession, given)
      const model = valueInside(modelProvider, sessionModel.useSession, given)

      expect(Object.keys(model)).toEqual(Object.keys(real))
      // why: strict, so `data: undefined` (loading) and `data: null` (signed out) stay apart.
      expect({ data: model.data, status: model.status }).toStrictEqual({
        data: real.data,
        status: real.status,
      })
      expect(model.status).toBe(status)
      expect(typeof model.update).toBe(typeof real.update)
    })
  }

  it('reports a signed-out reader as loading with required: true, like next-auth/react', () => {
    const options = { required: true as const, onUnauthenticated: () => {} }
    const real = valueInside(realProvider, realUseSession, null, options)
    const model = valueInside(modelProvider, sessionModel.useSession, null, options)
    expect(Object.keys(model)).toEqual(Object.keys(real))
    expect({ data: model.data, status: model.status }).toStrictEqual({
      data: real.data,
      status: 'loading',
    })
  })

  it('resolves update() to undefined without a session, like next-auth/react', async () => {
    for (const given of [undefined, null]) {
      const real = valueInside(realProvider, realUseSession, given) as SessionContextValue
      const model = valueInside(modelProvider, sessionModel.useSession, given) as {
        update: () => Promise<unknown>
      }
      expect(await model.update()).toBe(await real.update())
      expect(await model.update()).toBeUndefined()
    }
  })

  it('holds a session shaped exactly like the one the site’s session callback sends', async () => {
    const real = await siteSession()
    const shape = (value: unknown) =>
      JSON.parse(JSON.stringify(value), (key, inner: unknown) =>
        key === 'expires' || key === 'accessTokenExpires' ? typeof inner : inner,
      )
    expect(shape(sessionModel.demoSession())).toEqual(shape(real))
    expect(Object.keys(sessionModel.demoSession())).toEqual(Object.keys(real as object))
  })
})
