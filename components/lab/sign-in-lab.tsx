import type { SignInResponse } from 'next-auth/react'
import { useRouter } from 'next/router'
import { signIn, signOut, useSession } from 'next-auth/react'
import type { FormEvent } from 'react'
import { useEffect, useRef, useState } from 'react'

import { DEMO_ACCOUNT, DEMO_EDITOR_ACCOUNT } from '@/demo-backend/demo-account'
import type { Scenario } from '@/lib/auth/scenarios'
import { SCENARIOS } from '@/lib/auth/scenarios'

import hidden from '../visually-hidden.module.css'
import styles from './lab.module.css'
import { LAB_LABEL } from './lab-label'
import { RoleGate } from './role-gate'
import { LabField } from './lab-field'
import { LabMessages } from './lab-messages'
import { LabOutput } from './lab-output'
import type { Feedback, LabField as Field, LabMode as Mode } from './sign-in-feedback'
import { feedbackFor, SIGN_UP_HINTS } from './sign-in-feedback'

const statusOf = (text: string): Feedback => ({ tone: 'status', text, fields: {} })

/**
 * Signs the reader in for real through the site's NextAuth configuration, with the same
 * `signIn()` a reader's own form would call, and shows exactly what it resolved to.
 */
export function SignInLab() {
  const { data: session, status, update } = useSession()
  const router = useRouter()
  // why: /account sends signed-out readers here; they should know why, and go back after.
  const fromAccount = router.query.from === 'account'
  const [mode, setMode] = useState<Mode>('login')
  const [scenario, setScenario] = useState<Scenario>('normal')
  const [result, setResult] = useState<SignInResponse | null>(null)
  const [busy, setBusy] = useState(false)
  const [feedback, setFeedback] = useState<Feedback | null>(null)

  // why: the trace cookie must exist before the first sign-in, or that sign-in goes unrecorded;
  // submit() waits for this request. The body is read although nothing uses it: Chromium counts
  // a response nobody read as a request still in flight, and Lighthouse then waited 45 s for a
  // page that never went quiet.
  const traceCookie = useRef<Promise<unknown>>(null)
  useEffect(() => {
    traceCookie.current = fetch('/api/trace', { credentials: 'same-origin' })
      .then((response) => response.arrayBuffer())
      // A sign-in without a trace is still a sign-in: never block it on the trace.
      .catch(() => undefined)
  }, [])

  // A refresh the backend refused marks the session; the navbar then signs the reader out.
  useEffect(() => {
    if (session?.error === 'RefreshAccessTokenError') {
      setFeedback(statusOf('Your session expired and could not be refreshed. You are signed out.'))
    }
  }, [session?.error])

  async function submit(provider: Mode, credentials: Record<string, string>) {
    setBusy(true)
    setFeedback(null)
    try {
      await traceCookie.current
      const response = await signIn(provider, { ...credentials, scenario, redirect: false })
      setResult(response ?? null)
      setFeedback(feedbackFor(provider, response, credentials))
      if (fromAccount && response?.ok && !response.error) await router.push('/account')
    } finally {
      setBusy(false)
    }
  }

  const fieldError = (field: Field) => feedback?.fields[field]

  /** The reader is fixing this field: its message has done its job. */
  function clearFieldError(field: Field) {
    if (!feedback?.fields[field]) return
    setFeedback({ ...feedback, fields: { ...feedback.fields, [field]: undefined } })
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const credentials = Object.fromEntries(
      [...form.entries()].filter(([key]) => ['email', 'password', 'name'].includes(key)),
    ) as Record<string, string>
    void submit(mode, credentials)
  }

  return (
    <section className={`${styles.lab} ${styles.signInLab}`} aria-label={LAB_LABEL}>
      {fromAccount && (
        <p className={styles.notice} role="note" data-testid="lab-from-account">
          Sign in to see your account: the account page is for signed-in readers. You will be taken
          back to it once you are signed in.
        </p>
      )}
      <fieldset className={styles.tabs}>
        <legend className={hidden.visuallyHidden}>Action</legend>
        {(['login', 'signup'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="lab-mode"
              value={value}
              checked={mode === value}
              onChange={() => {
                setMode(value)
                setFeedback(null)
              }}
            />
            {value === 'login' ? 'Log in' : 'Sign up'}
          </label>
        ))}
      </fieldset>

      <form onSubmit={onSubmit} noValidate>
        <div className={`${styles.row} ${styles.fields}`}>
          <LabField
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            required
            error={fieldError('email')}
            onChange={() => clearFieldError('email')}
          />
          <LabField
            label="Password"
            name="password"
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
            hint={mode === 'signup' ? SIGN_UP_HINTS.password : undefined}
            error={fieldError('password')}
            onChange={() => clearFieldError('password')}
          />
          {mode === 'signup' && (
            <LabField
              label="Name"
              name="name"
              type="text"
              autoComplete="name"
              hint={SIGN_UP_HINTS.name}
              error={fieldError('name')}
              onChange={() => clearFieldError('name')}
            />
          )}
        </div>
        <div className={styles.row}>
          <label className={styles.field}>
            Scenario
            <select
              className={styles.input}
              value={scenario}
              onChange={(event) => setScenario(event.target.value as Scenario)}
            >
              {Object.entries(SCENARIOS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button className={`${styles.button} ${styles.primary}`} type="submit" disabled={busy}>
            {mode === 'login' ? 'Log in' : 'Create account'}
          </button>
          <button
            className={styles.button}
            type="button"
            disabled={busy}
            onClick={() => {
              setMode('login')
              void submit('login', { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password })
            }}
          >
            Use the demo account
          </button>
          <button
            className={styles.button}
            type="button"
            disabled={busy}
            onClick={() => {
              setMode('login')
              void submit('login', {
                email: DEMO_EDITOR_ACCOUNT.email,
                password: DEMO_EDITOR_ACCOUNT.password,
              })
            }}
          >
            Use the demo editor
          </button>
        </div>
      </form>

      <p className={styles.hint}>
        Demo reader: <code>{DEMO_ACCOUNT.email}</code> / <code>{DEMO_ACCOUNT.password}</code>; demo
        editor: <code>{DEMO_EDITOR_ACCOUNT.email}</code> /{' '}
        <code>{DEMO_EDITOR_ACCOUNT.password}</code>
      </p>

      <LabMessages feedback={feedback} />

      <LabOutput
        result={result}
        status={status}
        session={session}
        onSignOut={() =>
          void signOut({ redirect: false }).then(() => setFeedback(statusOf('Signed out.')))
        }
        onUpdate={() => void update().then(() => setFeedback(statusOf('Session updated.')))}
      />
      <RoleGate />
    </section>
  )
}
