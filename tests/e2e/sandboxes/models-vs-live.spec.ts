import { randomInt } from 'node:crypto'

import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'

import {
  authorize,
  createCallbacks,
} from '../../../components/sandboxes/callbacks-pipeline/callbacks'
import type { FlowOutcome } from '../../../components/sandboxes/callbacks-pipeline/credentials-flow-model'
import { runCredentialsSignIn } from '../../../components/sandboxes/callbacks-pipeline/credentials-flow-model'
import type { ServerScenario } from '../../../components/sandboxes/sign-in-form/next-auth-model'
import { signIn as signInThroughFormModel } from '../../../components/sandboxes/sign-in-form/next-auth-model'
import { DEMO_ACCOUNT } from '../../../demo-backend/demo-account'
import { TRACE_COOKIE } from '../../../lib/trace/cookie'
import { openLab, signInResultOf } from '../../support/lab'
import { scrollToWidget } from '../../support/widgets'

/**
 * The sandboxes' models of next-auth against the live site: the same sign-in in the lab (the
 * real next-auth, traced on the server) and through each model must run the same callbacks in
 * the same order and resolve signIn() to the same object.
 */

type Attempt = { scenario: ServerScenario; password: string; via: 'demo button' | 'form' }

const attempts: Attempt[] = [
  { scenario: 'normal', password: DEMO_ACCOUNT.password, via: 'demo button' },
  { scenario: 'normal', password: 'not the demo password at all', via: 'form' },
  { scenario: 'authorize-returns-null', password: DEMO_ACCOUNT.password, via: 'demo button' },
  { scenario: 'authorize-throws', password: DEMO_ACCOUNT.password, via: 'demo button' },
  { scenario: 'signin-returns-false', password: DEMO_ACCOUNT.password, via: 'demo button' },
  { scenario: 'signin-returns-url', password: DEMO_ACCOUNT.password, via: 'demo button' },
]

/**
 * Steps the live trace records that the callbacks model leaves out on purpose: `backend` (the
 * site's authorize() asks its backend over HTTP; the sandbox's checks the demo account itself)
 * and `event:*` (NextAuth's `events`, which the sandbox does not let you edit and which change
 * no result). Every callback, `redirect` included, is compared.
 */
const isModelled = (step: string) => step !== 'backend' && !step.startsWith('event:')

type RequestSteps = { label: string; steps: string[] }

/** The model's requests as the trace would show them: the store drops redirect-only requests. */
function expectedTrace(outcome: FlowOutcome): RequestSteps[] {
  return outcome.requests
    .map(({ label, steps }) => ({ label, steps: steps.map((step) => step.name) }))
    .filter(({ steps }) => steps.some((name) => name !== 'redirect'))
}

/** The live sign-in's callback request and the first session request after it. */
function liveTrace(requests: RequestSteps[]): RequestSteps[] {
  const start = requests.findIndex((r) => r.label === 'POST /api/auth/callback/login')
  if (start < 0) return []
  const callback = requests[start] as RequestSteps
  const session = requests.slice(start + 1).find((r) => r.label === 'GET /api/auth/session')
  return [callback, ...(session ? [session] : [])].map(({ label, steps }) => ({
    label,
    steps: steps.filter(isModelled),
  }))
}

/**
 * Runs the form model as if in a page at `href`: it takes the site's origin from `location`
 * (in the sandbox, the preview's page), as next-auth takes it from NEXTAUTH_URL.
 */
async function inPageAt<T>(href: string, action: () => Promise<T>): Promise<T> {
  Object.defineProperty(globalThis, 'location', { value: new URL(href), configurable: true })
  try {
    return await action()
  } finally {
    Reflect.deleteProperty(globalThis, 'location')
  }
}

async function signInOnTheLab(page: Page, { scenario, password, via }: Attempt) {
  const lab = await openLab(page)
  // why: a sign-in made before the lab has its trace cookie is not recorded.
  await expect
    .poll(async () => (await page.context().cookies()).some((c) => c.name === TRACE_COOKIE))
    .toBe(true)
  await lab.scenario.selectOption(scenario)
  if (via === 'demo button') {
    await lab.lab.getByRole('button', { name: 'Use the demo account' }).click()
  } else {
    await lab.email.fill(DEMO_ACCOUNT.email)
    await lab.password.fill(password)
    await lab.lab.getByRole('button', { name: 'Log in' }).click()
  }
  const result = await signInResultOf(lab.result)
  await scrollToWidget(lab.trace)
  return { lab, result }
}

test.describe('the sandboxes’ models of next-auth agree with the live site', () => {
  // why: a wrong password counts against its email and address (10 per 15 minutes); each test
  // speaks from an address of its own, which the e2e server believes (TRUST_PROXY_HOPS=1).
  test.beforeEach(async ({ context }) => {
    await context.setExtraHTTPHeaders({
      'x-forwarded-for': `2001:db8:5a:${randomInt(0x10000).toString(16)}::${randomInt(0x10000).toString(16)}`,
    })
  })

  for (const attempt of attempts) {
    const name =
      attempt.password === DEMO_ACCOUNT.password
        ? `scenario ${attempt.scenario}`
        : 'a wrong password'
    test(`${name}: both models resolve signIn() as the lab does, and the callbacks model runs the traced callbacks in order`, async ({
      page,
    }) => {
      const { lab, result } = await signInOnTheLab(page, attempt)
      const siteUrl = new URL(page.url()).origin
      const fields = { email: DEMO_ACCOUNT.email, password: attempt.password }

      const outcome = await runCredentialsSignIn({
        authorize,
        callbacks: createCallbacks(siteUrl),
        options: { redirect: false, ...fields, scenario: attempt.scenario },
        siteUrl,
        pageUrl: page.url(),
      })
      const formModel = await inPageAt(page.url(), () =>
        signInThroughFormModel('login', {
          redirect: false,
          ...fields,
          scenario: attempt.scenario,
          callbackUrl: page.url(),
        }),
      )

      expect(outcome.signInResult, 'the callbacks model’s signIn() result').toEqual(result)
      expect(formModel, 'the sign-in form model’s signIn() result').toEqual(result)
      await expect
        .poll(async () => liveTrace(await lab.requests()), {
          message: 'the callbacks model’s steps, request by request, against the live trace',
        })
        .toEqual(expectedTrace(outcome))

      await expect(lab.sessionStatus).toHaveText(
        outcome.session ? 'authenticated' : 'unauthenticated',
      )
      if (outcome.session) {
        const live = JSON.parse((await page.getByTestId('session-data').textContent()) ?? 'null')
        // why: the live user id is the demo account's id in the site's database.
        expect(live.user).toEqual({ ...outcome.session.user, id: expect.any(String) })
      }
    })
  }
})
