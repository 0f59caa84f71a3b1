import type { AuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { getSession } from 'next-auth/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { authorize, createCallbacks } from '@/components/sandboxes/callbacks-pipeline/callbacks'
import type { ServerScenario } from '@/components/sandboxes/sign-in-form/next-auth-model'
import * as formModel from '@/components/sandboxes/sign-in-form/next-auth-model'
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth/options'
import { createSiteCallbacks } from '@/lib/auth/callbacks'
import type { BackendClient } from '@reference-app/lib/backend'

import { Browser, clientSignIn, SECRET, useEnv, withClientFetch } from './claims/next-auth-harness'

const SITE = 'http://localhost:3000'
const PAGE = `${SITE}/guide/sign-in-form`
const DEMO = { email: 'demo@example.com', password: 'handbook demo password' }

/**
 * The pretend server of the sign-in form's model, written as real NextAuth options: the callbacks
 * sandbox's authorize() and callbacks take the same scenarios (and are themselves compared with
 * next-auth in sandbox-models.test.ts).
 */
function pretendServer(): AuthOptions {
  return {
    secret: SECRET,
    providers: [
      CredentialsProvider({
        id: 'login',
        credentials: {},
        authorize: (credentials) => authorize(credentials as Record<string, string>) as never,
      }),
    ],
    callbacks: createCallbacks(SITE) as AuthOptions['callbacks'],
  }
}

type Attempt = { scenario: ServerScenario; password?: string; callbackUrl?: string }

/** The real signIn() of next-auth/react, called from a page at PAGE. */
async function throughNextAuth({ scenario, password = DEMO.password, callbackUrl }: Attempt) {
  const browser = new Browser(pretendServer())
  return clientSignIn(browser, 'login', {
    redirect: false,
    ...DEMO,
    password,
    scenario,
    ...(callbackUrl === undefined ? {} : { callbackUrl }),
  })
}

/** The model's signIn(), called from the same page. */
function throughModel({ scenario, password = DEMO.password, callbackUrl }: Attempt) {
  return formModel.signIn('login', {
    redirect: false,
    ...DEMO,
    password,
    scenario,
    ...(callbackUrl === undefined ? {} : { callbackUrl }),
  })
}

const scenarios: ServerScenario[] = [
  'normal',
  'authorize-returns-null',
  'authorize-throws',
  'signin-returns-false',
  'signin-returns-url',
]

const callbackUrls = [
  { name: 'no callbackUrl (the current page)', callbackUrl: undefined },
  { name: 'a callbackUrl on the site', callbackUrl: `${SITE}/account` },
  { name: 'a relative callbackUrl', callbackUrl: '/account?tab=profile' },
  // why: an open redirect is what the default redirect callback is there to stop.
  { name: 'another site’s callbackUrl', callbackUrl: 'https://attacker.example/steal' },
]

describe('the sign-in form sandbox’s model of signIn()', () => {
  useEnv({ NEXTAUTH_URL: SITE, NEXTAUTH_SECRET: undefined })

  // why: both run in a page at PAGE: next-auth/react reads window.location.href for the default
  // callbackUrl, the model reads location (in the sandbox, the preview's own page).
  beforeEach(() => {
    const location = new URL(PAGE)
    vi.stubGlobal('window', { location })
    vi.stubGlobal('location', location)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  for (const scenario of scenarios) {
    for (const { name, callbackUrl } of callbackUrls) {
      it(`resolves like next-auth when the server ${scenario} and the form sends ${name}`, async () => {
        const real = await throughNextAuth({ scenario, callbackUrl })
        const model = await throughModel({ scenario, callbackUrl })
        expect(model).toEqual(real)
      })
    }
  }

  it('resolves a wrong password like next-auth', async () => {
    const attempt = { scenario: 'normal' as const, password: 'not the demo password' }
    expect(await throughModel(attempt)).toEqual(await throughNextAuth(attempt))
  })

  it('answers another site’s callbackUrl with the site’s own origin, as next-auth does', async () => {
    const result = await throughModel({
      scenario: 'normal',
      callbackUrl: 'https://attacker.example/steal',
    })
    expect(result.url).toBe(SITE)
  })
})

/** The site's real session after a sign-in: its own session callback and session.maxAge. */
async function siteSessionAfterSignIn() {
  const options: AuthOptions = {
    secret: SECRET,
    session: { maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    providers: [
      CredentialsProvider({
        id: 'login',
        credentials: {},
        authorize: () => ({
          id: 'demo-user',
          name: 'Demo Reader',
          email: DEMO.email,
          role: 'reader',
          accessToken: 'access',
          accessTokenExpires: Date.now() + 15 * 60 * 1000,
          refreshToken: 'refresh',
        }),
      }),
    ],
    callbacks: createSiteCallbacks({} as BackendClient, SITE),
  }
  const browser = new Browser(options)
  await clientSignIn(browser, 'login', { redirect: false, ...DEMO, callbackUrl: PAGE })
  return withClientFetch(browser, () => getSession())
}

/** Each value's type, and times as minutes from now: the shape and the arithmetic, not the clock. */
function shape(value: unknown) {
  const minutes = (inner: unknown, ms: number) =>
    `${typeof inner} in ${Math.round((ms - Date.now()) / 60_000)} min`
  return JSON.parse(JSON.stringify(value), (key, inner: unknown) => {
    if (key === 'expires') return minutes(inner, Date.parse(String(inner)))
    if (key === 'accessTokenExpires') return minutes(inner, Number(inner))
    return typeof inner === 'object' ? inner : typeof inner
  })
}

describe('the sign-in form sandbox’s model of getSession()', () => {
  useEnv({ NEXTAUTH_URL: SITE, NEXTAUTH_SECRET: undefined })

  it('holds, after a sign-in, a session shaped like the site’s and expiring when it does', async () => {
    await formModel.signIn('login', { redirect: false, ...DEMO, callbackUrl: PAGE })
    const model = await formModel.getSession()
    const real = await siteSessionAfterSignIn()

    expect(real).not.toBeNull()
    expect(shape(model)).toEqual(shape(real))
    expect(Object.keys(model ?? {})).toEqual(Object.keys(real ?? {}))
  })
})
