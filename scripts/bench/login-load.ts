import autocannon from 'autocannon'

import { DEMO_ACCOUNT } from '../../demo-backend/demo-account'

const LOGIN_BODY = JSON.stringify({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password })
const JSON_HEADERS = { 'content-type': 'application/json' }

export type LoadSlice = {
  seconds: number
  /** 2xx answers: successful log-ins. */
  logins: number
  non2xx: number
  /** Connection errors, timeouts included. */
  socketErrors: number
  timeouts: number
  /** The response time of every answer, in milliseconds. */
  latenciesMs: number[]
}

/**
 * Logs the demo account in once and says whether it worked. It waits behind every log-in
 * the server has queued, so it also tells when the server has drained.
 */
export async function logsIn(origin: string): Promise<boolean> {
  const response = await fetch(`${origin}/login`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: LOGIN_BODY,
  })
  await response.body?.cancel()
  return response.ok
}

/** Sends demo log-ins over `connections` keep-alive connections for `seconds`. */
export function loadLogins(origin: string, connections: number, seconds: number) {
  return new Promise<LoadSlice>((resolve, reject) => {
    const latenciesMs: number[] = []
    const instance = autocannon(
      {
        url: `${origin}/login`,
        method: 'POST',
        headers: JSON_HEADERS,
        body: LOGIN_BODY,
        connections,
        duration: seconds,
        timeout: 10,
      },
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)))
        resolve({
          seconds: result.duration,
          logins: result['2xx'],
          non2xx: result.non2xx,
          socketErrors: result.errors,
          timeouts: result.timeouts,
          latenciesMs,
        })
      },
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latenciesMs.push(responseTime)
    })
  })
}
