import type { User } from 'next-auth'

import type { ProviderId } from '@reference-app/lib/authorize'
import { createAuthorize } from '@reference-app/lib/authorize'
import type { BackendClient } from '@reference-app/lib/backend'

import { traceStep } from '@/lib/trace/context'

import { readScenario, SCENARIO_THROWN_MESSAGE } from './scenarios'

/**
 * The lab's `authorize()`: the reference app's, run inside the trace. Two lab scenarios
 * replace it with one of NextAuth's other branches; every other sign-in runs the very code
 * the chapters show.
 */
export function createLabAuthorize(providerId: ProviderId, backend: BackendClient) {
  const authorize = createAuthorize(providerId, backend)
  return (credentials: Record<string, string> | undefined) =>
    traceStep('authorize', { credentials }, async (): Promise<User | null> => {
      const scenario = readScenario(credentials)
      if (scenario === 'authorize-returns-null') return null
      if (scenario === 'authorize-throws') throw new Error(SCENARIO_THROWN_MESSAGE)
      return authorize(credentials)
    })
}
