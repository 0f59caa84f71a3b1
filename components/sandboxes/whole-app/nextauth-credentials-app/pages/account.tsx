import type { GetServerSideProps } from 'next'
import type { Session } from 'next-auth'

import { getSignedInSession } from '../lib/session'

type Props = { session: Session }

// #region get-server-side-props
/** The session is read on the server, before the page renders: no flash of a signed-out page. */
export const getServerSideProps: GetServerSideProps<Props> = async (context) => {
  const session = await getSignedInSession(context)
  if (!session) {
    const callbackUrl = encodeURIComponent(context.resolvedUrl)
    return { redirect: { destination: `/sign-in?callbackUrl=${callbackUrl}`, permanent: false } }
  }
  // why: passing the session as `session` lets SessionProvider in _app start with it.
  return { props: { session } }
}
// #endregion get-server-side-props

/** A protected page, rendered on the server for signed-in people only. */
export default function Account({ session }: Props) {
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
        <dt>User id</dt>
        <dd>{session.user.id}</dd>
      </dl>
    </main>
  )
}
