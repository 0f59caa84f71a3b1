import type { BrowserContext } from '@playwright/test'
import type { JWT } from 'next-auth/jwt'
import { decode } from 'next-auth/jwt'

/** NextAuth's session cookie on plain HTTP, as the e2e server sets it. */
export const SESSION_COOKIE = 'next-auth.session-token'

/**
 * The token inside a context's session cookie, decrypted with the e2e server's secret
 * (playwright.config.ts hands it to every worker), or null when there is no cookie.
 */
export async function readSessionToken(context: BrowserContext): Promise<JWT | null> {
  const secret = process.env.E2E_NEXTAUTH_SECRET
  if (!secret) throw new Error('E2E_NEXTAUTH_SECRET is not set: run through playwright.config.ts')
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)
  return cookie ? decode({ token: cookie.value, secret }) : null
}
