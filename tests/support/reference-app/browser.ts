import type { BrowserContext, Page, Response } from '@playwright/test'
import type { JWT } from 'next-auth/jwt'
import { decode } from 'next-auth/jwt'

import { REFRESH_MARGIN_MS } from '@reference-app/lib/refresh'

/** NextAuth's session cookie on plain HTTP. */
export const SESSION_COOKIE = 'next-auth.session-token'

export type Account = { email: string; password: string; name: string }

/** The backend's demo accounts, printed on the app's sign-in page. */
export const DEMO_READER: Account = {
  email: 'demo@example.com',
  password: 'handbook demo password',
  name: 'Demo Reader',
}
export const DEMO_EDITOR: Account = {
  email: 'editor@example.com',
  password: 'handbook editor password',
  name: 'Demo Editor',
}

/** Fills the app's one sign-in form and presses the button of the chosen provider. */
export async function submitSignInForm(
  page: Page,
  account: Account,
  button: 'Log in' | 'Create an account',
): Promise<void> {
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(account.email)
  await page.getByLabel('Password').fill(account.password)
  if (button === 'Create an account') await page.getByLabel('Name').fill(account.name)
  await page.getByRole('button', { name: button }).click()
}

/** Logs in through the form and waits for the home page to greet the person. */
export async function logIn(page: Page, account: Account): Promise<void> {
  await submitSignInForm(page, account, 'Log in')
  await page.getByRole('heading', { name: `Signed in as ${account.name}` }).waitFor()
}

/** The token inside a context's session cookie, decrypted; null when there is no cookie. */
export async function readSessionToken(
  context: BrowserContext,
  secret: string,
): Promise<JWT | null> {
  const cookie = (await context.cookies()).find(({ name }) => name === SESSION_COOKIE)
  return cookie ? decode({ token: cookie.value, secret }) : null
}

/** The token in the session cookie a response sets; null when it sets none. */
export async function sessionTokenSetBy(response: Response, secret: string): Promise<JWT | null> {
  const prefix = `${SESSION_COOKIE}=`
  const line = (await response.headerValues('set-cookie')).find((value) => value.startsWith(prefix))
  const value = line?.slice(prefix.length).split(';')[0]
  return value ? decode({ token: value, secret }) : null
}

/** Waits until the app's jwt callback will refresh `token`'s access token on its next read. */
export async function waitUntilRefreshIsDue(token: JWT | null): Promise<void> {
  if (!token?.accessTokenExpires) throw new Error('the session holds no access token')
  const due = token.accessTokenExpires - REFRESH_MARGIN_MS
  // why: a little past the moment, so the server's clock agrees it has come.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()) + 300))
}
