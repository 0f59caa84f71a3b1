import type { NextApiRequest, NextApiResponse } from 'next'

import { handleBackendRequest } from '../../../backend/http'
import { getBackend } from '../../../backend/instance'
import { readBody } from '../../../backend/read-body'

/**
 * `/api/backend/{signup,login,refresh,me,logout}`: the stand-in for your backend, which
 * `authorize()` calls over HTTP at BACKEND_URL exactly as it would call yours. This file only
 * translates between Next.js and `backend/http.ts`, where the contract is kept.
 */
export default async function backendRoute(req: NextApiRequest, res: NextApiResponse) {
  const answer = await handleBackendRequest(getBackend, {
    route: String(req.query.route),
    method: req.method ?? 'GET',
    contentType: req.headers['content-type'],
    authorization: req.headers.authorization,
    readBody: () => readBody(req),
  })
  res.status(answer.status)
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value)
  res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body))
}

// why: Next's body parser would answer malformed JSON itself, in plain text; the backend reads
// the body (at most 16 kB) so that every error is the contract's JSON.
export const config = { api: { bodyParser: false } }
