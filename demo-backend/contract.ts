import { z } from 'zod'

import {
  NAME_MAX_LENGTH,
  normalizeEmail,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from './field-limits'

/**
 * The backend's HTTP contract as zod schemas: what each endpoint accepts and answers.
 * The HTTP adapter validates requests with them, the NextAuth `authorize()` client validates
 * responses with them, and the sign-in forms reuse the field rules. One definition, three users.
 */

export { NAME_MAX_LENGTH, normalizeEmail, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH }

const EMAIL_MAX_LENGTH = 254

// why: NUL and other control characters have no place in an email, password or name, and
// some drivers and log pipelines treat them specially.
const CONTROL_CHARACTER = /\p{Cc}/u

const text = z.string().refine((value) => !CONTROL_CHARACTER.test(value))

/** Counts what a person calls characters (code points), not UTF-16 units. */
const lengthOf = (value: string) => [...value].length

/** Passwords are compared after NFKC so that the same visible text always matches. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC')
}

export const emailSchema = text
  .max(EMAIL_MAX_LENGTH * 4)
  .transform(normalizeEmail)
  .pipe(z.email().max(EMAIL_MAX_LENGTH))

/** A password as typed at log-in: only bounded, so that no one can make us hash a megabyte. */
export const passwordSchema = text
  .transform(normalizePassword)
  .refine((value) => lengthOf(value) >= 1 && lengthOf(value) <= PASSWORD_MAX_LENGTH)

/** A new password (NIST SP 800-63B rev. 4): length only, no composition rules, no truncation. */
export const newPasswordSchema = passwordSchema.refine(
  (value) => lengthOf(value) >= PASSWORD_MIN_LENGTH,
)

export const nameSchema = text
  .transform((value) => value.normalize('NFKC').trim())
  .refine((value) => lengthOf(value) >= 1 && lengthOf(value) <= NAME_MAX_LENGTH)

export const signupRequestSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  name: nameSchema.optional(),
})

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
})

export const refreshRequestSchema = z.strictObject({
  refreshToken: text.min(1).max(512),
})

export const logoutRequestSchema = refreshRequestSchema

export type SignupRequest = z.infer<typeof signupRequestSchema>
export type LoginRequest = z.infer<typeof loginRequestSchema>

/**
 * What a user may do on the reader's site: a `reader` reads, an `editor` also edits. Every
 * sign-up is a reader; the demo editor exists so that a role gate can be tried both ways.
 */
export const ROLES = ['reader', 'editor'] as const

export type Role = (typeof ROLES)[number]

export const userSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
})

/** What `signup`, `login` and `refresh` answer. `accessTokenExpires` is in epoch milliseconds. */
export const sessionTokensSchema = z.strictObject({
  user: userSchema,
  accessToken: z.string(),
  accessTokenExpires: z.number().int(),
  refreshToken: z.string(),
})

export const meResponseSchema = z.strictObject({ user: userSchema })

/** The fields a request may carry; `invalid_input` names the first one that broke the rules. */
export const INPUT_FIELDS = ['email', 'password', 'name', 'refreshToken'] as const

export type InputField = (typeof INPUT_FIELDS)[number]

/**
 * The first field of the body that failed `schema`, in the schema's order; undefined when the
 * body as a whole was wrong (not an object, an extra key).
 */
export function firstInvalidField(error: z.ZodError): InputField | undefined {
  const key = error.issues.find((issue) => issue.path.length > 0)?.path[0]
  return INPUT_FIELDS.find((field) => field === key)
}

/** `field` is added to `invalid_input` when one field is at fault; older clients ignore it. */
export const errorResponseSchema = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    field: z.enum(INPUT_FIELDS).optional(),
  }),
})

export type PublicUser = z.infer<typeof userSchema>
export type SessionTokens = z.infer<typeof sessionTokensSchema>
