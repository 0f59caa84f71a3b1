import { describe, expect, it } from 'vitest'

import {
  CLIENT_IP_HEADER,
  CLIENT_IP_SIGNATURE_HEADER,
  clientIpHeaders,
  forwardedClientIp,
  verifiedClientIp,
} from '@/demo-backend/http/client-ip'

const SECRET = 's'.repeat(43)

describe('client IP vouching between the site and the backend', () => {
  it('accepts an address signed with the backend key', () => {
    expect(verifiedClientIp(clientIpHeaders('203.0.113.7', SECRET), SECRET)).toBe('203.0.113.7')
  })

  it('refuses an address signed with another key, a changed address and a missing signature', () => {
    const headers = clientIpHeaders('203.0.113.7', SECRET)
    expect(verifiedClientIp(headers, 'x'.repeat(43))).toBeNull()
    expect(verifiedClientIp({ ...headers, [CLIENT_IP_HEADER]: '203.0.113.8' }, SECRET)).toBeNull()
    expect(verifiedClientIp({ [CLIENT_IP_HEADER]: '203.0.113.7' }, SECRET)).toBeNull()
    expect(
      verifiedClientIp({ ...headers, [CLIENT_IP_SIGNATURE_HEADER]: 'short' }, SECRET),
    ).toBeNull()
  })
})

describe('forwardedClientIp', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(forwardedClientIp('10.0.0.1', '198.51.100.1', 0)).toBe('10.0.0.1')
  })

  it('takes the entry the trusted proxy appended, not one the client wrote', () => {
    expect(forwardedClientIp('10.0.0.1', '6.6.6.6, 198.51.100.1', 1)).toBe('198.51.100.1')
    expect(forwardedClientIp('10.0.0.1', '6.6.6.6, 198.51.100.1, 10.0.0.2', 2)).toBe('198.51.100.1')
  })

  it('falls back to the socket when the header is shorter than the hop count', () => {
    expect(forwardedClientIp('10.0.0.1', undefined, 1)).toBe('10.0.0.1')
  })
})
