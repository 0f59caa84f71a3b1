import type { CallbacksOptions, EventCallbacks } from 'next-auth'

import type { BackendClient } from '@reference-app/lib/backend'
import { createCallbacks, createEvents } from '@reference-app/lib/callbacks'

import { traceStep } from '@/lib/trace/context'

import { readScenario, SCENARIO_REDIRECT_PATH } from './scenarios'

/** NextAuth's redirect rule, unchanged: same-origin URLs and paths only. Here to be traced. */
function sameOriginOnly(url: string, baseUrl: string): string {
  if (url.startsWith('/') && !url.startsWith('//')) return `${baseUrl}${url}`
  try {
    return new URL(url).origin === baseUrl ? url : baseUrl
  } catch {
    return baseUrl
  }
}

/**
 * The site's callbacks: the reference app's `jwt` and `session`, each run inside the trace,
 * plus a `signIn` that lets the lab's scenarios take NextAuth's refusal branches.
 */
export function createSiteCallbacks(
  backend: BackendClient,
  baseUrl: string,
): Partial<CallbacksOptions> {
  const { jwt, session } = createCallbacks(backend)
  return {
    redirect: (params) => traceStep('redirect', params, () => sameOriginOnly(params.url, baseUrl)),

    signIn: (params) =>
      traceStep('signIn', params, () => {
        const scenario = readScenario(params.credentials)
        if (scenario === 'signin-returns-false') return false
        // why: NextAuth's client parses this with `new URL()`, so it must be absolute.
        if (scenario === 'signin-returns-url') return `${baseUrl}${SCENARIO_REDIRECT_PATH}`
        return true
      }),

    jwt: (params) => traceStep('jwt', params, async () => jwt(params)),

    session: (params) => traceStep('session', params, async () => session(params)),
  }
}

/** The reference app's events (sign-out revokes the backend's tokens), recorded in the trace. */
export function createSiteEvents(backend: BackendClient): Partial<EventCallbacks> {
  const { signOut } = createEvents(backend)
  return {
    signIn: (message) => traceStep('event:signIn', message, () => undefined),
    signOut: (message) => traceStep('event:signOut', message, async () => signOut(message)),
    session: (message) => traceStep('event:session', message, () => undefined),
  }
}
