import type { GetServerSidePropsContext, NextApiRequest, NextApiResponse } from 'next'
import type { Session } from 'next-auth'
import { getServerSession } from 'next-auth/next'

import { authOptions } from './auth-options'
import { isSignedIn } from './signed-in'

type ServerContext =
  Pick<GetServerSidePropsContext, 'req' | 'res'> | { req: NextApiRequest; res: NextApiResponse }

// #region signed-in-session
/**
 * The signed-in session of a request, or null: for `getServerSideProps` and API routes.
 * `getServerSession()` runs the `jwt` callback, so it refreshes an expired access token and
 * writes the new cookie through `res`.
 */
export async function getSignedInSession({ req, res }: ServerContext): Promise<Session | null> {
  const session = await getServerSession(req, res, authOptions)
  return isSignedIn(session) ? session : null
}
// #endregion signed-in-session
