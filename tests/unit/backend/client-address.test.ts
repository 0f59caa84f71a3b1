import { describe, expect, it } from 'vitest'

import { addressGroup } from '@/demo-backend/core/client-address'

describe('addressGroup: the client a rate limit counts', () => {
  it('groups IPv6 addresses by their /64, whatever their spelling', () => {
    const group = '2001:db8:1:2::/64'
    for (const ip of [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0DB8:0001:0002:0000:0000:0000:0009',
      '2001:db8:1:2:0:0:192.0.2.1',
      '2001:db8:1:2::7%eth0',
    ]) {
      expect(addressGroup(ip), ip).toBe(group)
    }
    expect(addressGroup('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64')
    expect(addressGroup('::1')).toBe('0:0:0:0::/64')
    expect(addressGroup('2001:db8::')).toBe('2001:db8:0:0::/64')
  })

  it('keeps an IPv4 address whole, also when it arrives mapped into IPv6', () => {
    expect(addressGroup('192.0.2.7')).toBe('192.0.2.7')
    expect(addressGroup('::ffff:192.0.2.7')).toBe('192.0.2.7')
    expect(addressGroup('::FFFF:c000:0207')).toBe('192.0.2.7')
  })

  it('passes anything that is not an IP address through unchanged', () => {
    expect(addressGroup('unknown')).toBe('unknown')
    expect(addressGroup('')).toBe('')
  })
})
