import type { Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'

import { DEMO_ACCOUNT } from '../../demo-backend/demo-account'

/** The lab's regions and controls, found the way a reader (or a screen reader) finds them. */
export function labOf(page: Page) {
  const lab = page.getByRole('region', { name: 'Sign-in lab' })
  const trace = page.getByRole('region', { name: 'Callback trace' })
  return {
    lab,
    trace,
    email: lab.getByLabel('Email'),
    password: lab.getByLabel('Password'),
    scenario: lab.getByLabel('Scenario'),
    result: page.getByTestId('signin-result'),
    sessionStatus: page.getByTestId('session-status'),
    announcement: page.getByTestId('lab-announcement'),
    /** The text of every traced request: its label, then its steps. */
    async requests(): Promise<{ label: string; steps: string[] }[]> {
      return trace.locator('section').evaluateAll((sections) =>
        sections.map((section) => ({
          label: section.querySelector('h3')?.textContent ?? '',
          steps: [...section.querySelectorAll(':scope > ol > li')].map(
            (li) => li.getAttribute('data-step') ?? '',
          ),
        })),
      )
    },
  }
}

/** Opens the lab page with the trace panel on screen, so that it polls. */
export async function openLab(page: Page) {
  await page.goto('/lab')
  const lab = labOf(page)
  await expect(lab.lab.getByRole('button', { name: 'Use the demo account' })).toBeEnabled()
  return lab
}

export async function signInResultOf(result: Locator): Promise<unknown> {
  await expect(result).not.toHaveText(/Nothing yet/)
  return JSON.parse((await result.textContent()) ?? 'null')
}

/**
 * Signs the page's browser context in with the demo account through the site's real NextAuth,
 * making the two requests `signIn('login', { redirect: false })` makes, without opening the lab.
 */
export async function signInAsDemoReader(page: Page) {
  const csrf = await page.request.get('/api/auth/csrf')
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const response = await page.request.post('/api/auth/callback/login', {
    form: { csrfToken, email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, json: 'true' },
  })
  const { url } = (await response.json()) as { url: string }
  expect(new URL(url).searchParams.get('error')).toBeNull()
}
