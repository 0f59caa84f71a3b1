import type { Session } from 'next-auth'

// #region is-signed-in
/**
 * A session counts only while its refresh token is good. After the backend refused a refresh
 * the cookie still decodes, so `useSession()` and `getServerSession()` still return a session,
 * with `error` set: every check in this app goes through here, so all of them agree.
 */
export function isSignedIn(session: Session | null | undefined): session is Session {
  return Boolean(session) && !session?.error
}
// #endregion is-signed-in
