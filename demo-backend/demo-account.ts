import type { Role } from './contract'

/** An account created on start if missing, whose password is printed on the site. */
export type DemoAccount = {
  readonly email: string
  readonly password: string
  readonly name: string
  readonly role: Role
}

/**
 * The account every reader may use in the live lab. Its password is public on purpose: it is
 * printed on the site. It is created on start if missing and never expires.
 */
export const DEMO_ACCOUNT = {
  email: 'demo@example.com',
  password: 'handbook demo password',
  name: 'Demo Reader',
  role: 'reader',
} as const satisfies DemoAccount

/**
 * The demo reader's counterpart with the `editor` role, so that a reader can watch a role gate
 * let one account through and stop the other. Public and permanent like the demo reader.
 */
export const DEMO_EDITOR_ACCOUNT = {
  email: 'editor@example.com',
  password: 'handbook editor password',
  name: 'Demo Editor',
  role: 'editor',
} as const satisfies DemoAccount

/** Every account the backend seeds on start. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [DEMO_ACCOUNT, DEMO_EDITOR_ACCOUNT]

/** True for the email of an account in `DEMO_ACCOUNTS` (already normalised, as stored). */
export function isDemoAccountEmail(email: string): boolean {
  return DEMO_ACCOUNTS.some((account) => account.email === email)
}
