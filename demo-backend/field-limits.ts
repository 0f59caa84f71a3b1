/**
 * The length rules of the contract's fields, in characters (code points), and how an email is
 * made canonical. The zod schemas in `contract.ts` apply them; forms import them from here to
 * say them, without bundling zod.
 */
export const PASSWORD_MIN_LENGTH = 15
export const PASSWORD_MAX_LENGTH = 256
export const NAME_MAX_LENGTH = 100

/** NFKC, trimmed, lower-cased: `ＤＥＭＯ@Example.com ` and `demo@example.com` are one account. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase()
}
