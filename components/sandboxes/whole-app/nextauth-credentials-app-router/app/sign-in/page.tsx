import { safeCallbackPath } from '../../lib/sign-in-errors'
import { SignInForm } from './sign-in-form'

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> }

/** A server component that reads the query and hands a safe path to the client form. */
export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl } = await searchParams
  return (
    <main>
      <h1>Sign in</h1>
      <p>
        Try <code>demo@example.com</code> / <code>handbook demo password</code> (a reader) or{' '}
        <code>editor@example.com</code> / <code>handbook editor password</code> (an editor).
      </p>
      <SignInForm callbackPath={safeCallbackPath(callbackUrl)} />
    </main>
  )
}
