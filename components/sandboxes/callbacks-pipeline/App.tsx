import type { FormEvent } from 'react'
import { useState } from 'react'

import { authorize, createCallbacks } from './callbacks'
import { runCredentialsSignIn } from './credentials-flow-model'
import type { FlowOutcome, FlowStep } from './credentials-flow-model'

const SCENARIOS = {
  normal: 'the password decides',
  'authorize-returns-null': 'authorize() returns null',
  'authorize-throws': 'authorize() throws',
  'signin-returns-false': 'signIn returns false',
  'signin-returns-url': 'signIn returns a URL',
}

const json = (value: unknown) => JSON.stringify(value, null, 2) ?? 'undefined'

function Step({ step }: { step: FlowStep }) {
  return (
    <li className={step.error ? 'failed' : undefined}>
      <details>
        <summary>
          <code>{step.name}</code>{' '}
          {step.error ? `threw "${step.error}"` : `returned ${json(step.result).slice(0, 40)}`}
        </summary>
        <p>Arguments</p>
        <pre>{json(step.args)}</pre>
        {!step.error && (
          <>
            <p>Result</p>
            <pre>{json(step.result)}</pre>
          </>
        )}
      </details>
    </li>
  )
}

export default function App() {
  const [email, setEmail] = useState('demo@example.com')
  const [password, setPassword] = useState('handbook demo password')
  const [scenario, setScenario] = useState('normal')
  const [outcome, setOutcome] = useState<FlowOutcome | null>(null)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const siteUrl = window.location.origin
    setOutcome(
      await runCredentialsSignIn({
        authorize,
        callbacks: createCallbacks(siteUrl),
        options: { redirect: false, email, password, scenario },
        siteUrl,
        pageUrl: window.location.href,
      }),
    )
  }

  return (
    <main>
      <form onSubmit={onSubmit}>
        <input aria-label="Email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <input
          aria-label="Password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <select
          aria-label="Scenario"
          value={scenario}
          onChange={(e) => setScenario(e.target.value)}
        >
          {Object.entries(SCENARIOS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit">Sign in</button>
      </form>

      {outcome?.requests.map((request, index) => (
        <section key={index} aria-label={request.label}>
          <h2>
            {index + 1}. {request.label} → {request.status}
          </h2>
          <ol>
            {request.steps.map((step, at) => (
              <Step key={at} step={step} />
            ))}
          </ol>
        </section>
      ))}

      {outcome && (
        <section aria-label="Results">
          <h2>signIn() {outcome.rejected ? 'rejected' : 'resolved to'}</h2>
          <pre data-testid="signin-result">{outcome.rejected ?? json(outcome.signInResult)}</pre>
          <h2>useSession().data</h2>
          <pre data-testid="session">{json(outcome.session)}</pre>
        </section>
      )}
    </main>
  )
}
