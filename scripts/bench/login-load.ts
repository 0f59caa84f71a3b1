import autocannon from 'autocannon'

import { DEMO_ACCOUNT } from '../../demo-backend/demo-account'

const LOGIN_BODY = JSON.stringify({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password })
const JSON_HEADERS = { 'content-type': 'application/json' }

/** One kind of request to load a server with. */
export type LoadTarget = {
  url: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
}

export type LoadSlice = {
  seconds: number
  /** 2xx answers. */
  ok: number
  non2xx: number
  /** Connection errors, timeouts included. */
  socketErrors: number
  timeouts: number
  /** The response time of every answer, in milliseconds. */
  latenciesMs: number[]
}

/** The demo account's log-in at a backend that keeps the contract (`/login` under `base`). */
export function backendLogin(base: string): LoadTarget {
  return { url: `${base}/login`, method: 'POST', headers: JSON_HEADERS, body: LOGIN_BODY }
}

/**
 * Sends `target` once and says whether it answered 2xx. It waits behind every request the
 * server has queued, so it also tells when the server has drained.
 */
export async function answers(target: LoadTarget): Promise<boolean> {
  const response = await fetch(target.url, {
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
  })
  await response.body?.cancel()
  return response.ok
}

/** Logs the demo account in once at the standalone backend at `origin`. */
export const logsIn = (origin: string) => answers(backendLogin(origin))

/** Loads `target` over `connections` keep-alive connections for `seconds`. */
export function loadTarget(target: LoadTarget, connections: number, seconds: number) {
  return new Promise<LoadSlice>((resolve, reject) => {
    const latenciesMs: number[] = []
    const instance = autocannon(
      { ...target, connections, duration: seconds, timeout: 10 },
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)))
        resolve({
          seconds: result.duration,
          ok: result['2xx'],
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
