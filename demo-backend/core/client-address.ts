import { isIPv4, isIPv6 } from 'node:net'

/** The hextets of an IPv6 address, eight numbers, with `::` expanded and an IPv4 tail split. */
function hextetsOf(ip: string): number[] {
  const [head = '', tail] = ip.split('::')
  const parse = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!isIPv4(group)) return [parseInt(group, 16)]
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number)
          return [(a << 8) | b, (c << 8) | d]
        })
  const start = parse(head)
  const end = tail === undefined ? [] : parse(tail)
  return [...start, ...Array<number>(8 - start.length - end.length).fill(0), ...end]
}

/**
 * The client a per-address limit counts: an IPv4 address itself (also when it arrives mapped
 * into IPv6, as a dual-stack socket reports it), and for IPv6 the /64 it belongs to.
 *
 * why: one home or one server gets a whole /64 (18 quintillion addresses) from its provider,
 * and picks a new address in it whenever it likes. Counted one by one, each of those would be
 * a fresh client with a fresh allowance of guesses. Anything that is not an IP address (an
 * unknown peer) is its own key.
 */
export function addressGroup(ip: string): string {
  if (isIPv4(ip)) return ip
  const address = ip.split('%')[0] ?? ''
  if (!isIPv6(address)) return ip
  const hextets = hextetsOf(address.toLowerCase())
  const mappedIPv4 = hextets.slice(0, 5).every((hextet) => hextet === 0) && hextets[5] === 0xffff
  if (mappedIPv4) {
    const [high = 0, low = 0] = hextets.slice(6)
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.')
  }
  return `${hextets
    .slice(0, 4)
    .map((hextet) => hextet.toString(16))
    .join(':')}::/64`
}
