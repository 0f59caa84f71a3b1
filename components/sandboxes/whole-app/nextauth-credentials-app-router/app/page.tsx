import Link from 'next/link'

import { getAppSession } from '../lib/app-session'
import { SessionStatus } from './session-status'
import { SignOutButton } from './sign-out-button'

/** Who is signed in, read on the server, and again in the browser by useSession(). */
export default async function Home() {
  const session = await getAppSession()

  if (!session) {
    return (
      <main>
        <h1>You are not signed in</h1>
        <Link href="/sign-in">Sign in</Link>
      </main>
    )
  }

  return (
    <main>
      <h1>Signed in as {session.user.name ?? session.user.email}</h1>
      <SessionStatus />
      <ul>
        <li>
          <Link href="/account">Your account</Link> (a server component)
        </li>
        <li>
          <Link href="/editor">Editor&apos;s desk</Link> (editors only)
        </li>
      </ul>
      <SignOutButton />
    </main>
  )
}
