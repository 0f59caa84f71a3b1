import type { NextApiRequest, NextApiResponse } from 'next'

import type { ErrorBody, PublicUser } from '../../../backend/contract'
import { loginRequestSchema } from '../../../backend/contract'
import { verifyCredentials } from '../../../backend/users'

type Answer = { user: PublicUser } | ErrorBody

/**
 * `POST /api/backend/login {email, password}`: the backend's login endpoint. It stands in for
 * your own service, and `authorize()` calls it over HTTP exactly as it would call that one.
 * 200 `{user}`; 400 `invalid_input`; 401 `invalid_credentials`, the same for an unknown email
 * and a wrong password.
 */
export default async function login(req: NextApiRequest, res: NextApiResponse<Answer>) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    return res.status(405).json({
      error: { code: 'method_not_allowed', message: 'This endpoint only accepts POST.' },
    })
  }
  const input = loginRequestSchema.safeParse(req.body)
  if (!input.success) {
    return res.status(400).json({
      error: { code: 'invalid_input', message: 'Send JSON with an email and a password.' },
    })
  }
  const user = await verifyCredentials(input.data)
  if (!user) {
    return res.status(401).json({
      error: { code: 'invalid_credentials', message: 'The email or password is incorrect.' },
    })
  }
  return res.status(200).json({ user })
}
