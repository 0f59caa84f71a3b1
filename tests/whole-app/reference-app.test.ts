import { randomBytes, randomUUID } from 'node:crypto'

import type { Browser, BrowserContext, Page } from '@playwright/test'
import { chromium } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium'
import type { Account } from '../support/reference-app/browser'
import {
  DEMO_EDITOR,
  DEMO_READER,
  logIn,
  readSessionToken,
  sessionTokenSetBy,
  submitSignInForm,
  waitUntilRefreshIsDue,
} from '../support/reference-app/browser'
import type { ReferenceStack } from '../support/reference-app/servers'
import { startReferenceStack } from '../support/reference-app/servers'
import { builtApp } from './built-app'

/**
 * The downloadable reference app, built from its zip, in Chromium against the demo backend
 * (`npm run backend`) with 10-second access tokens: what a reader who deploys it is promised.
 * The app reaches the backend through a TCP proxy, so a test can take the backend away.
 */

describe('the reference app in Chromium, against the demo backend', () => {
  let stack: ReferenceStack
  let browser: Browser

  beforeAll(async () => {
    ;[stack, browser] = await Promise.all([
      startReferenceStack(builtApp().appDir),
      chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    ])
  })

  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  /** A fresh browser profile (no cookies) on the app, closed when the test ends. */
  async function newVisitor(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: stack.app.origin })
    // why: Playwright's 30 s would outlast the test's 60 s when two waits fail in a row.
    context.setDefaultTimeout(10_000)
    onTestFinished(() => context.close())
    return { context, page: await context.newPage() }
  }

  const sessionToken = (context: BrowserContext) => readSessionToken(context, stack.nextAuthSecret)

  /** POSTs to the demo backend directly, as a client holding the token would. */
  async function callBackend(route: 'refresh' | 'logout', refreshToken: string) {
    const response = await fetch(`${stack.backend.origin}/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    })
    return { status: response.status, body: response.status === 204 ? null : await response.json() }
  }

  /** The message the sign-in form shows, once it shows one. */
  async function formAlert(page: Page) {
    // why: Next's route announcer is an empty role="alert" as well; the form's is in the form.
    const alert = page.locator('form').getByRole('alert')
    await alert.waitFor()
    return alert.textContent()
  }

  /** Loads /account and checks the server sent it with the person's email in the HTML. */
  async function expectAccountPage(page: Page, account: Account) {
    const response = await page.goto('/account')
    expect(new URL(page.url()).pathname).toBe('/account')
    expect(await response?.text()).toContain(`<dd>${account.email}</dd>`)
  }

  it('signs a new account up from the form, and answers the same email with another password that it is taken', async () => {
    const account = {
      email: `reader-${randomUUID()}@example.com`,
      password: `pw ${randomBytes(12).toString('base64url')}`,
      name: 'Ada Lovelace',
    }
    const { page } = await newVisitor()

    await submitSignInForm(page, account, 'Create an account')

    await page.getByRole('heading', { name: 'Signed in as Ada Lovelace' }).waitFor()

    const other = await newVisitor()
    await submitSignInForm(
      other.page,
      { ...account, password: 'another long password' },
      'Create an account',
    )
    expect(await formAlert(other.page)).toBe(
      'There is already an account with this email. Log in instead.',
    )
    expect(await sessionToken(other.context)).toBeNull()
  })

  it('answers a wrong password with "The email or password is incorrect." and stays signed out', async () => {
    const { context, page } = await newVisitor()

    await submitSignInForm(page, { ...DEMO_READER, password: 'not the demo password' }, 'Log in')

    expect(await formAlert(page)).toBe('The email or password is incorrect.')
    expect(await sessionToken(context)).toBeNull()
    await page.goto('/')
    await page.getByRole('heading', { name: 'You are not signed in' }).waitFor()
  })

  it('renders /account on the server for a signed-in reader: the email is in the HTML it sends', async () => {
    const { page } = await newVisitor()
    await logIn(page, DEMO_READER)

    // The document as the server sent it, before any script ran.
    const response = await page.request.get('/account', { maxRedirects: 0 })

    expect(response.status()).toBe(200)
    expect(await response.text()).toMatch(
      new RegExp(`<h1>Your account</h1>.*<dd>${DEMO_READER.email}</dd>.*<dd>reader</dd>`),
    )
  })

  it('keeps /editor and /api/editor/notes for editors: a reader is sent to sign in or answered 403, a signed-out caller 401', async () => {
    const reader = await newVisitor()
    await logIn(reader.page, DEMO_READER)

    await reader.page.goto('/editor')
    const redirected = new URL(reader.page.url())
    expect(redirected.pathname).toBe('/sign-in')
    expect(redirected.searchParams.get('callbackUrl')).toBe('/editor')
    const forbidden = await reader.page.request.get('/api/editor/notes')
    expect(forbidden.status()).toBe(403)
    expect(await forbidden.json()).toMatchObject({ error: { code: 'forbidden' } })

    const nobody = await newVisitor()
    const unauthenticated = await nobody.context.request.get('/api/editor/notes')
    expect(unauthenticated.status()).toBe(401)
    expect(unauthenticated.headers()['content-type']).toMatch(/^application\/json/)
    expect(await unauthenticated.json()).toEqual({
      error: { code: 'unauthenticated', message: expect.any(String) },
    })

    const editor = await newVisitor()
    await logIn(editor.page, DEMO_EDITOR)
    await editor.page.goto('/editor')
    await editor.page.getByRole('heading', { name: "Editor's desk" }).waitFor()
    const notes = await editor.page.request.get('/api/editor/notes')
    expect(notes.status()).toBe(200)
    expect(await notes.json()).toEqual({ notes: expect.any(Array) })
  })

  it('keeps two tabs signed in when both load /account at the same moment after the access token is due', async () => {
    const { context, page: first } = await newVisitor()
    const second = await context.newPage()
    await logIn(first, DEMO_READER)
    const before = await sessionToken(context)
    await waitUntilRefreshIsDue(before)

    const responses = await Promise.all([first.goto('/account'), second.goto('/account')])

    for (const page of [first, second]) expect(new URL(page.url()).pathname).toBe('/account')
    // Both refreshed the same old token; the backend gave both the same new pair.
    const [firstToken, secondToken] = await Promise.all(
      responses.map((response) => response && sessionTokenSetBy(response, stack.nextAuthSecret)),
    )
    expect(firstToken?.refreshToken).toBeTruthy()
    expect(firstToken?.refreshToken).not.toBe(before?.refreshToken)
    expect(secondToken?.refreshToken).toBe(firstToken?.refreshToken)
    expect((await sessionToken(context))?.refreshToken).toBe(firstToken?.refreshToken)

    // And again: both tabs still signed in, on the new token.
    await Promise.all([
      expectAccountPage(first, DEMO_READER),
      expectAccountPage(second, DEMO_READER),
    ])
    // The family was not revoked as a reuse: the token in the cookie still refreshes.
    const latest = await sessionToken(context)
    expect((await callBackend('refresh', latest?.refreshToken ?? '')).status).toBe(200)
  })

  it('stays signed in when the backend is down at refresh time, and refreshes once it is back', async () => {
    const { context, page } = await newVisitor()
    await logIn(page, DEMO_READER)
    const before = await sessionToken(context)

    await stack.proxy.cut()
    try {
      await waitUntilRefreshIsDue(before)
      await expectAccountPage(page, DEMO_READER)
      const kept = await sessionToken(context)
      expect(kept).toMatchObject({
        accessToken: before?.accessToken,
        refreshToken: before?.refreshToken,
      })
      expect(kept).not.toHaveProperty('error')
    } finally {
      await stack.proxy.restore()
    }

    await expectAccountPage(page, DEMO_READER)
    const refreshed = await sessionToken(context)
    expect(refreshed?.accessToken).toBeTruthy()
    expect(refreshed?.accessToken).not.toBe(before?.accessToken)
    expect(refreshed?.refreshToken).not.toBe(before?.refreshToken)
    expect(refreshed).not.toHaveProperty('error')
  })

  it('signs out with the button: the cookie is gone and the backend refuses its refresh token', async () => {
    const { context, page } = await newVisitor()
    await logIn(page, DEMO_READER)
    const { refreshToken } = (await sessionToken(context)) ?? {}
    expect(refreshToken).toBeTruthy()

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL('**/sign-in')

    expect(await sessionToken(context)).toBeNull()
    expect(await callBackend('refresh', refreshToken ?? '')).toEqual({
      status: 401,
      body: { error: { code: 'invalid_token', message: expect.any(String) } },
    })
  })

  it('ends the session everywhere once the backend refuses a refresh: /account, /api/me and the home page', async () => {
    const { context, page } = await newVisitor()
    await logIn(page, DEMO_READER)
    const token = await sessionToken(context)
    expect((await callBackend('logout', token?.refreshToken ?? '')).status).toBe(204)
    await waitUntilRefreshIsDue(token)

    await page.goto('/account')
    const redirected = new URL(page.url())
    expect(redirected.pathname).toBe('/sign-in')
    expect(redirected.searchParams.get('callbackUrl')).toBe('/account')

    const me = await page.request.get('/api/me')
    expect(me.status()).toBe(401)
    expect(await me.json()).toMatchObject({ error: { code: 'unauthenticated' } })

    await page.goto('/')
    await page.getByRole('heading', { name: 'You are not signed in' }).waitFor()
  })
})
