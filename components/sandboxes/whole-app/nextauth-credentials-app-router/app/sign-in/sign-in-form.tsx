'use client'

import { useRouter } from 'next/navigation'
import { signIn } from 'next-auth/react'
import type { FormEvent } from 'react'
import { useState } from 'react'

import { describeSignInError } from '../../lib/sign-in-errors'

const OFFLINE_MESSAGE = 'We could not reach the server. Check your connection and try again.'

/** Log in from the browser: signIn() is client code, so the form is a client component. */
export function SignInForm({ callbackPath }: { callbackPath: string }) {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  // #region submit
  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const fields = new FormData(event.currentTarget)
    setPending(true)
    setError(null)
    try {
      const result = await signIn('login', {
        redirect: false,
        email: fields.get('email'),
        password: fields.get('password'),
      })
      if (result?.ok && !result.error) {
        // why: refresh() makes the server components render again, now with the cookie.
        router.push(callbackPath)
        router.refresh()
        return
      }
      setError(describeSignInError(result?.error))
    } catch {
      setError(OFFLINE_MESSAGE)
    } finally {
      setPending(false)
    }
  }
  // #endregion submit

  return (
    <form onSubmit={(event) => void handleSubmit(event)}>
      <label>
        Email <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={pending}>
        {pending ? 'Please wait…' : 'Log in'}
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  )
}
