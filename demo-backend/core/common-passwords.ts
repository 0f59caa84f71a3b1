import { dictionary } from '@zxcvbn-ts/language-common'

let blocklist: Set<string> | undefined

/**
 * True for a password found in the ~49,000 most common passwords of zxcvbn-ts's maintained
 * list, compared case-insensitively. NIST SP 800-63B asks for exactly this check instead of
 * composition rules.
 */
export function isCommonPassword(password: string): boolean {
  blocklist ??= new Set(dictionary['passwords-common'])
  return blocklist.has(password.toLowerCase())
}
