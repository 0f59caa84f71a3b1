import type { FormEvent } from 'react'
import { useState } from 'react'

// In your app: import { signIn } from 'next-auth/react'
import { getSession, signIn } from './next-auth-model'
import type { ServerScenario, SignInResponse } from './next-auth-model'

/** What to tell the reader for each error code signIn() can resolve to. */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'The email or password is incorrect.',
  AccessDenied: 'This account may not sign in.',
  rate_limited: 'Too many attempts. Wait a little, then try again.',
  unavailable: 'We could not reach the sign-in service. Try again in a moment.',
}

async function describe(result: SignInResponse): Promise<string> {
  if (result.ok && !result.error) {
    // ok is also true when the signIn callback returned a URL: only a session proves a sign-in.
    const session = await getSession()
    return session
      ? `Signed in as ${session.user.email}. Next stop: ${result.url}`
      : `No session was created; the server sent you to ${result.url}`
  }
  const code = result.error ?? 'unknown'
  return MESSAGES[code] ?? `Something went wrong (${code}). Try again.`
}

export default function App() {
  const [email, setEmail] = useState('demo@example.com')
  const [password, setPassword] = useState('handbook demo password')
  const [scenario, setScenario] = useState<ServerScenario>('normal')
  const [result, setResult] = useState<SignInResponse | null>(null)
  const [message, setMessage] = useState('')
  const [pending, setPending] = useState(false)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setPending(true)
    setMessage('')
    try {
      // redirect: false keeps the reader on the page and hands us the outcome.
      const response = await signIn('login', { redirect: false, email, password, scenario })
      setResult(response)
      setMessage(await describe(response))
    } catch {
      // signIn() rejects when the request itself fails (offline, server down).
      setMessage('The sign-in request failed. Check your connection and try again.')
    } finally {
      setPending(false)
    }
  }

  return (
    <form onSubmit={onSubmit}>
      <label>
        Email
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <label>
        Password
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <label>
        The server
        <select value={scenario} onChange={(e) => setScenario(e.target.value as ServerScenario)}>
          <option value="normal">checks the password</option>
          <option value="authorize-returns-null">authorize() returns null</option>
          <option value="authorize-throws">authorize() throws</option>
          <option value="signin-returns-false">signIn callback returns false</option>
          <option value="signin-returns-url">signIn callback returns a URL</option>
        </select>
      </label>
      <button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Log in'}
      </button>
      <p role="status">{message}</p>
      {result && <pre data-testid="result">{JSON.stringify(result, null, 2)}</pre>}
    </form>
  )
}
