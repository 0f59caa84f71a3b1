import { useRouter } from 'next/router'
import { signIn } from 'next-auth/react'
import type { FormEvent } from 'react'
import { useState } from 'react'

import { describeSignInError, safeCallbackPath } from '../lib/sign-in-errors'

type ProviderId = 'login' | 'signup'

const OFFLINE_MESSAGE = 'We could not reach the server. Check your connection and try again.'

/** Log in or create an account, with one form: the button pressed picks the provider. */
export default function SignIn() {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  // #region submit
  async function submit(providerId: ProviderId, form: HTMLFormElement) {
    const fields = new FormData(form)
    setPending(true)
    setError(null)
    try {
      // why: `redirect: false` keeps the person on this page and hands back the result,
      // so a failure is shown here instead of on NextAuth's own error page.
      // #region sign-in-call
      const result = await signIn(providerId, {
        redirect: false,
        email: fields.get('email'),
        password: fields.get('password'),
        ...(providerId === 'signup' ? { name: fields.get('name') } : {}),
      })
      // #endregion sign-in-call
      if (result?.ok && !result.error) {
        await router.push(safeCallbackPath(router.query.callbackUrl))
        return
      }
      setError(describeSignInError(result?.error))
    } catch {
      // signIn() itself could not reach this app's server.
      setError(OFFLINE_MESSAGE)
    } finally {
      setPending(false)
    }
  }
  // #endregion submit

  // #region pick-provider
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const submitter = (event.nativeEvent as SubmitEvent).submitter
    const providerId = submitter?.getAttribute('value') === 'signup' ? 'signup' : 'login'
    void submit(providerId, event.currentTarget)
  }
  // #endregion pick-provider

  return (
    <main>
      <h1>Sign in</h1>
      <p>
        Try <code>demo@example.com</code> / <code>handbook demo password</code> (a reader) or{' '}
        <code>editor@example.com</code> / <code>handbook editor password</code> (an editor).
      </p>
      {/* #region form */}
      <form onSubmit={handleSubmit}>
        <label>
          Email <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password{' '}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <label>
          Name (for a new account) <input name="name" type="text" autoComplete="name" />
        </label>
        <button type="submit" name="provider" value="login" disabled={pending}>
          {pending ? 'Please wait…' : 'Log in'}
        </button>
        <button type="submit" name="provider" value="signup" disabled={pending}>
          Create an account
        </button>
        {error && <p role="alert">{error}</p>}
      </form>
      {/* #endregion form */}
    </main>
  )
}
