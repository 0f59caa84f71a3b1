import { useRouter } from 'next/router'
import { signIn } from 'next-auth/react'
import type { FormEvent } from 'react'
import { useState } from 'react'

/** The `error` codes `signIn()` can give back, as sentences a person can act on. */
const MESSAGES: Record<string, string> = {
  // authorize() returned null: the backend said 401.
  CredentialsSignin: 'The email or password is incorrect.',
  // authorize() threw this code (see lib/auth-options.ts): no usable answer from the backend.
  unavailable: 'We could not reach the sign-in service. Try again in a moment.',
}

const FALLBACK_MESSAGE = 'Something went wrong. Try again.'
const OFFLINE_MESSAGE = 'We could not reach the server. Check your connection and try again.'

export default function SignIn() {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setPending(true)
    setError(null)
    try {
      // why: `redirect: false` keeps the reader on this page and hands back the result,
      // so a failure can be shown here instead of on NextAuth's own error page.
      const result = await signIn('credentials', {
        redirect: false,
        email: form.get('email'),
        password: form.get('password'),
      })
      if (result?.ok && !result.error) {
        await router.push('/')
        return
      }
      setError(MESSAGES[result?.error ?? ''] ?? FALLBACK_MESSAGE)
    } catch {
      // signIn() itself could not reach this app's server.
      setError(OFFLINE_MESSAGE)
    } finally {
      setPending(false)
    }
  }

  return (
    <main>
      <h1>Sign in</h1>
      <p>
        Try the demo account: <code>demo@example.com</code> with the password{' '}
        <code>handbook demo password</code>.
      </p>
      <form onSubmit={handleSubmit}>
        <label>
          Email <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password{' '}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
        {error && <p role="alert">{error}</p>}
      </form>
    </main>
  )
}
