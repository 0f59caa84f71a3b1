import { redirect } from 'next/navigation'

import { getAppSession } from '../../lib/app-session'

// #region account-page
/**
 * A server component: it reads the session while rendering, so a signed-out person gets a
 * redirect before any of the page is sent, and a signed-in one gets the page with their data.
 */
export default async function AccountPage() {
  const session = await getAppSession()
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent('/account')}`)

  return (
    <main>
      <h1>Your account</h1>
      <dl>
        <dt>Name</dt>
        <dd>{session.user.name ?? '(none)'}</dd>
        <dt>Email</dt>
        <dd>{session.user.email}</dd>
        <dt>Role</dt>
        <dd>{session.user.role}</dd>
      </dl>
    </main>
  )
}
// #endregion account-page
