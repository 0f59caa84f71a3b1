import { z } from 'zod'

/**
 * The backend's HTTP contract as zod schemas: what each endpoint accepts and answers. The
 * HTTP handler validates every request body with them before the backend sees it.
 */

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 256
export const NAME_MAX_LENGTH = 100
const EMAIL_MAX_LENGTH = 254

// why: NUL and other control characters have no place in an email, a password or a name,
// and some databases and log pipelines treat them specially.
const CONTROL_CHARACTER = /\p{Cc}/u
const text = z.string().refine((value) => !CONTROL_CHARACTER.test(value))

/** Counts what a person calls characters (code points), not UTF-16 units. */
const lengthOf = (value: string) => [...value].length

/** NFKC, trimmed, lower-cased: `ＤＥＭＯ@Example.com ` and `demo@example.com` are one account. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase()
}

const emailSchema = text
  .max(EMAIL_MAX_LENGTH * 4)
  .transform(normalizeEmail)
  .pipe(z.email().max(EMAIL_MAX_LENGTH))

// why: NFKC, so the same visible password matches however the keyboard encoded it; the bound
// keeps anyone from making the server hash a megabyte.
const passwordSchema = text
  .transform((password) => password.normalize('NFKC'))
  .refine((password) => lengthOf(password) >= 1 && lengthOf(password) <= PASSWORD_MAX_LENGTH)

/**
 * A new password: a length, and no rules about which characters it must contain.
 * why: a real backend should also refuse passwords from breach lists and common-password
 * lists (NIST SP 800-63B). This stand-in leaves that to yours.
 */
const newPasswordSchema = passwordSchema.refine(
  (password) => lengthOf(password) >= PASSWORD_MIN_LENGTH,
)

const nameSchema = text
  .transform((name) => name.normalize('NFKC').trim())
  .refine((name) => lengthOf(name) >= 1 && lengthOf(name) <= NAME_MAX_LENGTH)

/** `POST /signup`. */
export const signupRequestSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  name: nameSchema.optional(),
})

/** `POST /login`. */
export const loginRequestSchema = z.strictObject({ email: emailSchema, password: passwordSchema })

/** `POST /refresh` and `POST /logout`. */
export const refreshTokenRequestSchema = z.strictObject({
  refreshToken: z.string().min(1).max(512),
})

export type SignupRequest = z.output<typeof signupRequestSchema>
export type LoginRequest = z.output<typeof loginRequestSchema>

/** What a person may do: readers read, editors may also reach the editor-only pages. */
export type Role = 'reader' | 'editor'

/** A user as the backend shows one: never with a password hash. */
export type PublicUser = { id: string; email: string; name: string | null; role: Role }

/** What `signup`, `login` and `refresh` answer. `accessTokenExpires` is in epoch milliseconds. */
export type SessionTokens = {
  user: PublicUser
  accessToken: string
  accessTokenExpires: number
  refreshToken: string
}
