/**
 * What the lab may ask the server to do differently, so a reader can watch each of
 * NextAuth's branches. An allowlist: the server never runs anything the reader sends.
 */
export const SCENARIOS = {
  normal: 'Normal: the backend decides',
  'authorize-returns-null': 'authorize() returns null',
  'authorize-throws': 'authorize() throws an error',
  'signin-returns-false': 'signIn callback returns false',
  'signin-returns-url': 'signIn callback returns a URL',
} as const

export type Scenario = keyof typeof SCENARIOS

/** The message `authorize()` throws in the `authorize-throws` scenario. */
export const SCENARIO_THROWN_MESSAGE = 'lab_scenario_error'

/** Where the `signin-returns-url` scenario sends the reader (a path on this site). */
export const SCENARIO_REDIRECT_PATH = '/lab#signin-returned-a-url'

/** The scenario a request asked for; anything unknown or missing is `normal`. */
export function readScenario(credentials: Record<string, unknown> | undefined): Scenario {
  const requested = credentials?.scenario
  return typeof requested === 'string' && Object.hasOwn(SCENARIOS, requested)
    ? (requested as Scenario)
    : 'normal'
}
