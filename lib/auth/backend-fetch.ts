import { clientIpHeaders } from '@/demo-backend/http/client-ip'
import { traceStep } from '@/lib/trace/context'

import { currentReaderIp } from './reader-ip'

/** What the trace shows of a backend call: the status and the contract's code, never a token. */
async function summarize(response: Response) {
  if (response.ok) return { status: response.status, ok: true }
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null)
  const code =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body.error as { code?: unknown }).code
      : undefined
  return { status: response.status, ok: false, code: typeof code === 'string' ? code : undefined }
}

/**
 * The `fetch` the reference app's backend client is given on this site. It does two things
 * the reference app does not need: it tells the backend which reader the call is for (so its
 * rate limits count readers, not this server; see demo-backend/http/client-ip.ts), and it
 * records the call as the trace's `backend` step.
 */
export function createBackendFetch(clientIpSecret: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString())
    const readerIp = currentReaderIp()
    const headers = new Headers(init?.headers)
    if (readerIp) {
      for (const [name, value] of Object.entries(clientIpHeaders(readerIp, clientIpSecret))) {
        headers.set(name, value)
      }
    }
    // why: traceStep summarises synchronously, so the body (of a clone) is read inside the step.
    let summary: Awaited<ReturnType<typeof summarize>> | { status: null; ok: false } = {
      status: null,
      ok: false,
    }
    return traceStep(
      'backend',
      // The contract's own path (`/login`), as the chapters name it, without the site's prefix.
      { method: init?.method ?? 'GET', path: `/${url.pathname.split('/').pop() ?? ''}` },
      async () => {
        const response = await fetch(input, { ...init, headers })
        summary = await summarize(response)
        return response
      },
      () => summary,
    )
  }
}
