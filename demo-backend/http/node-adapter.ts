import type { IncomingMessage, ServerResponse } from 'node:http'

import getRawBody from 'raw-body'

import type { Backend } from '../core/create-backend'
import { forwardedClientIp, verifiedClientIp, warnIfProxyHeadersIgnored } from './client-ip'
import type { BackendHttpResponse } from './handle-request'
import { allowedMethod, failureResponse, handleBackendRequest } from './handle-request'

export const MAX_BODY_BYTES = 16 * 1024

export type NodeAdapterOptions = {
  /**
   * How many reverse proxies in front of the server append to X-Forwarded-For. 0 (the
   * default) ignores the header: trusting it without a proxy lets anyone pick their own IP
   * and walk around the rate limits.
   */
  trustProxyHops: number
  /** The key that signs the reader's address when the site calls on a reader's behalf. */
  clientIpSecret: string
}

function clientIp(request: IncomingMessage, options: NodeAdapterOptions): string {
  warnIfProxyHeadersIgnored(request.headers, request.socket.remoteAddress, options.trustProxyHops)
  return (
    verifiedClientIp(request.headers, options.clientIpSecret) ??
    forwardedClientIp(
      request.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      options.trustProxyHops,
    )
  )
}

async function readBody(request: IncomingMessage): Promise<string | 'too_large' | 'unreadable'> {
  try {
    return await getRawBody(request, { limit: MAX_BODY_BYTES, encoding: 'utf-8' })
  } catch (error) {
    return (error as { type?: string }).type === 'entity.too.large' ? 'too_large' : 'unreadable'
  }
}

function send(response: ServerResponse, answer: BackendHttpResponse): void {
  response.statusCode = answer.status
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value)
  response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body))
}

/**
 * Serves one backend route from Node's own request and response objects, which both the
 * Next.js API route and the standalone server (`npm run backend`) hand over.
 */
export async function serveNodeRequest(
  getBackend: () => Promise<Backend>,
  request: IncomingMessage,
  response: ServerResponse,
  route: string,
  options: NodeAdapterOptions,
): Promise<void> {
  const method = request.method ?? 'GET'
  const allowed = allowedMethod(route)
  if (allowed === undefined) return send(response, failureResponse('not_found'))
  if (method !== allowed) return send(response, failureResponse('method_not_allowed', route))

  const body = method === 'GET' ? '' : await readBody(request)
  if (body === 'too_large') {
    // why: stop reading the rest of an oversized upload once the answer is decided.
    response.setHeader('connection', 'close')
    return send(response, failureResponse('payload_too_large'))
  }
  if (body === 'unreadable') return send(response, failureResponse('invalid_input'))

  const answer = await handleBackendRequest(getBackend, {
    route,
    method,
    contentType: request.headers['content-type'],
    authorization: request.headers.authorization,
    body,
    ip: clientIp(request, options),
  })
  send(response, answer)
}
