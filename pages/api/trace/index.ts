import type { NextApiRequest, NextApiResponse } from 'next'

import { getEnv } from '@/lib/env'
import { issueTraceCookie, readTraceCookie, traceCookieSettings } from '@/lib/trace/cookie'
import { getTraceStore } from '@/lib/trace/store'

/**
 * The reader's own callback trace. `GET` returns it (and hands a first-time reader the trace
 * cookie that starts the recording); `DELETE` clears it. Nobody can name another reader's
 * id, nor make one up: the only key is the httpOnly cookie, signed by this site. The answer is
 * bounded: the store keeps at most `maxReaderBytes` of steps per reader (lib/trace/store.ts).
 */
export default async function traceRoute(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('cache-control', 'no-store')
  if (req.method !== 'GET' && req.method !== 'DELETE') {
    res.setHeader('allow', 'GET, DELETE')
    return res
      .status(405)
      .json({ error: { code: 'method_not_allowed', message: 'Use GET or DELETE.' } })
  }
  const env = getEnv()
  const cookieSettings = traceCookieSettings(env.NEXTAUTH_URL, env.NEXTAUTH_SECRET)
  let readerId = readTraceCookie(req.cookies, cookieSettings)
  if (!readerId) {
    const issued = issueTraceCookie(cookieSettings)
    res.setHeader('set-cookie', issued.header)
    readerId = issued.readerId
  }
  try {
    const store = await getTraceStore(env.DATABASE_URL)
    if (req.method === 'DELETE') {
      await store.clear(readerId)
      return res.status(204).end()
    }
    return res.status(200).json({ requests: await store.list(readerId) })
  } catch {
    res.setHeader('retry-after', '5')
    return res
      .status(503)
      .json({ error: { code: 'unavailable', message: 'The trace is temporarily unavailable.' } })
  }
}
