import type { AuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { getSession, SessionProvider as RealSessionProvider, useSession } from 'next-auth/react'
import type { FunctionComponent, ReactNode } from 'react'
import { createElement, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it, vi } from 'vitest'

import * as sessionModel from '@/components/sandboxes/use-session-states/next-auth-react-model'
import { createSiteCallbacks } from '@/lib/auth/callbacks'
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth/options'
import type { BackendClient } from '@reference-app/lib/backend'

import {
  Browser,
  clientSignIn,
  SECRET,
  stubReactPage,
  useEnv,
  withClientFetch,
} from './claims/next-auth-harness'

/**
 * The useSession sandbox's model against next-auth/react's real SessionProvider, mounted with
 * react-dom (effects, state updates and all) in the least of a DOM they need: what a page sees
 * over time, where `required: true` sends a signed-out reader, and what `update()` does.
 */

const SITE = 'http://localhost:3000'
const PAGE = `${SITE}/account?tab=profile`

type Value = { data?: unknown; status: string; update: (data?: unknown) => Promise<unknown> }
type HookOptions = { required: true; onUnauthenticated?: () => void }
type Provider = FunctionComponent<{ session?: unknown; children?: ReactNode }>
type UseHook = (options?: HookOptions) => Value

const real = {
  name: 'next-auth/react',
  Provider: RealSessionProvider as Provider,
  useHook: useSession as unknown as UseHook,
}
const model = {
  name: 'the model',
  Provider: sessionModel.SessionProvider as Provider,
  useHook: sessionModel.useSession as unknown as UseHook,
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` every 5 ms until it is true; fails loudly after `ms`. */
async function until(check: () => boolean, what: string, ms = 5_000) {
  for (const start = Date.now(); !check(); await wait(5)) {
    if (Date.now() - start > ms) throw new Error(`Timed out waiting for ${what}`)
  }
}

/**
 * Mounts `Provider` with `session` in a page at PAGE and a probe that calls `useHook(options)`.
 * Every value the probe renders with is kept, in order; `location` is the page's, so a redirect
 * shows in `location.href`.
 */
async function mount({ Provider, useHook }: typeof real, session: unknown, options?: HookOptions) {
  const { container, location } = stubReactPage(PAGE)
  // why: the tests watch renders happen on their own (update() sets 'loading' mid-flight), which
  // act() would batch away; React then schedules work as in a browser.
  vi.stubGlobal('IS_REACT_ACT_ENVIRONMENT', false)
  const seen: Value[] = []
  function Probe() {
    const value = useHook(options)
    useEffect(() => {
      seen.push(value)
    }, [value])
    return null
  }
  // why: react-dom only needs the members above; the probe draws nothing into the container.
  const root = createRoot(container as unknown as Element)
  root.render(createElement(Provider, { session }, createElement(Probe)))
  await until(() => seen.length > 0, 'the first render')
  // why: effects (the real provider's first sync, the required redirect) run after it.
  await wait(50)
  return {
    seen,
    location,
    latest: () => seen.at(-1) as Value,
    statuses: () => seen.map((value) => value.status),
    /** Unmounts, and lets React finish before the test removes the page's globals. */
    async unmount() {
      root.unmount()
      await wait(20)
    },
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the useSession sandbox’s model, mounted beside next-auth/react', () => {
  useEnv({ NEXTAUTH_URL: SITE, NEXTAUTH_SECRET: undefined })

  it('sends a signed-out reader to the sign-in page with required: true, to the same URL', async () => {
    const hrefs: Record<string, string> = {}
    const statuses: Record<string, string[]> = {}
    for (const side of [real, model]) {
      const page = await mount(side, null, { required: true })
      hrefs[side.name] = page.location.href
      statuses[side.name] = page.statuses()
      await page.unmount()
    }
    expect(hrefs[model.name]).toBe(hrefs[real.name])
    expect(hrefs[real.name]).toBe(
      `/api/auth/signin?${new URLSearchParams({ error: 'SessionRequired', callbackUrl: PAGE })}`,
    )
    expect(statuses[model.name]).toEqual(statuses[real.name])
  })

  it('calls onUnauthenticated instead, and stays on the page, like next-auth/react', async () => {
    for (const side of [real, model]) {
      const onUnauthenticated = vi.fn()
      const page = await mount(side, null, { required: true, onUnauthenticated })
      expect(onUnauthenticated, side.name).toHaveBeenCalledTimes(1)
      expect(page.location.href, side.name).toBe(PAGE)
      expect(page.latest().status, side.name).toBe('loading')
      await page.unmount()
    }
  })

  it('leaves a signed-in reader where they are with required: true', async () => {
    for (const side of [real, model]) {
      const onUnauthenticated = vi.fn()
      const page = await mount(side, sessionModel.demoSession(), {
        required: true,
        onUnauthenticated,
      })
      expect(onUnauthenticated, side.name).not.toHaveBeenCalled()
      expect(page.location.href, side.name).toBe(PAGE)
      expect(page.statuses(), side.name).toEqual(['authenticated'])
      await page.unmount()
    }
  })
})

/** A browser signed in to NextAuth with the site's callbacks and session.maxAge. */
async function signedInBrowser() {
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
          email: 'demo@example.com',
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
  await clientSignIn(browser, 'login', { redirect: false, callbackUrl: PAGE })
  return browser
}

/** Each value's type, and times as minutes from now: the shape and the arithmetic. */
function shape(value: unknown) {
  const minutes = (inner: unknown, ms: number) =>
    `${typeof inner} in ${Math.round((ms - Date.now()) / 60_000)} min`
  return JSON.parse(JSON.stringify(value) ?? 'null', (key, inner: unknown) => {
    if (key === 'expires') return minutes(inner, Date.parse(String(inner)))
    if (key === 'accessTokenExpires') return minutes(inner, Number(inner))
    return typeof inner === 'object' ? inner : typeof inner
  })
}

/** Mounts `side` signed in, calls update(), and reports what the page saw. */
async function updateOn(side: typeof real, browser: Browser) {
  const initial = await withClientFetch(browser, () => getSession())
  // why: a session an hour old, so that update() visibly moves `expires` on both sides.
  const old = { ...(initial as object), expires: new Date(Date.now() + 3_600_000).toISOString() }
  return withClientFetch(browser, async () => {
    const page = await mount(side, side === real ? old : { ...sessionModel.demoSession(), ...old })
    const before = page.seen.length
    const returned = await page.latest().update()
    // why: update() resolves before React has committed what it set; the page holds the very
    // object update() returned once it has.
    await until(() => page.latest().data === returned, 'the page to hold what update() returned')
    const during = page.seen
      .slice(before)
      .map(({ data, status }) => ({ status, data: shape(data) }))
    const after = page.latest()
    await page.unmount()
    return {
      returned: shape(returned),
      during,
      after: { status: after.status, data: shape(after.data) },
    }
  })
}

describe('update() in the useSession sandbox’s model, beside next-auth/react', () => {
  useEnv({ NEXTAUTH_URL: SITE, NEXTAUTH_SECRET: undefined })

  it('goes through loading to a session renewed for session.maxAge, and returns it, like next-auth/react', async () => {
    const browser = await signedInBrowser()
    const realRun = await updateOn(real, browser)
    const modelRun = await updateOn(model, browser)

    expect(modelRun).toEqual(realRun)
    expect(realRun.during.map(({ status }) => status)).toEqual(['loading', 'authenticated'])
    expect(realRun.after.data.expires).toBe(`string in ${SESSION_MAX_AGE_SECONDS / 60} min`)
  })

  it('returns undefined and changes nothing while the session is loading or signed out', async () => {
    for (const side of [real, model]) {
      const page = await mount(side, null)
      const before = page.statuses()
      expect(await page.latest().update(), side.name).toBeUndefined()
      await wait(50)
      expect(page.statuses(), side.name).toEqual(before)
      await page.unmount()
    }
  })
})
