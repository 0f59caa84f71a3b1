import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { serveNodeRequest } from '@/demo-backend/http/node-adapter'

// why: this file's module state is its own (Vitest isolates test files), so "once" starts here.
describe('the warning about proxy headers that TRUST_PROXY_HOPS=0 ignores', () => {
  let trustProxyHops = 0
  let origin = ''
  const server = createServer((request, response) => {
    const unreachable = () => Promise.reject(new Error('no database in this test'))
    void serveNodeRequest(unreachable, request, response, 'me', {
      trustProxyHops,
      clientIpSecret: 'a secret of this test only, long enough',
    })
  })

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const get = async (headers: Record<string, string>) =>
    (await fetch(`${origin}/me`, { headers })).arrayBuffer()

  it('is printed once, on the first request that carries X-Forwarded-For or Forwarded, naming the variable to set', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      await get({})
      trustProxyHops = 1
      await get({ 'x-forwarded-for': '198.51.100.1' })
      expect(warn).not.toHaveBeenCalled()

      trustProxyHops = 0
      // Next.js writes the socket's own address into X-Forwarded-For: not a proxy.
      await get({ 'x-forwarded-for': '127.0.0.1' })
      expect(warn).not.toHaveBeenCalled()
      await get({ forwarded: 'for=198.51.100.1' })
      await get({ 'x-forwarded-for': '198.51.100.1' })
      await get({ 'x-forwarded-for': '198.51.100.2' })
      expect(warn).toHaveBeenCalledTimes(1)
      const [message] = warn.mock.calls[0] ?? []
      expect(message).toMatch(/X-Forwarded-For/)
      expect(message).toMatch(/TRUST_PROXY_HOPS=1/)
    } finally {
      warn.mockRestore()
    }
  })
})
