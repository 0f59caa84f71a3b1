import type { NextApiRequest, NextApiResponse } from 'next'

import { getSignedInSession } from '../../lib/session'

// #region protected-api-route
/** `GET /api/me`: who is signed in. A protected API route: 401 JSON without a session. */
export default async function me(req: NextApiRequest, res: NextApiResponse) {
  const session = await getSignedInSession({ req, res })
  if (!session) {
    return res
      .status(401)
      .json({ error: { code: 'unauthenticated', message: 'Sign in to see this.' } })
  }
  return res.status(200).json({ user: session.user })
}
// #endregion protected-api-route
