import { z } from 'zod'

/**
 * What the backend's login endpoint accepts and answers. The API route validates requests
 * with these schemas and `authorize()` validates responses with them, so the two sides of
 * the HTTP call cannot drift apart.
 */

/** Trimmed and lower-cased, so `Demo@Example.com ` and `demo@example.com` are one account. */
export const loginRequestSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  // why: a bound on the length keeps anyone from making the server hash a megabyte.
  password: z.string().min(1).max(256),
})

export const userSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
})

export const loginResponseSchema = z.strictObject({ user: userSchema })

export type LoginRequest = z.infer<typeof loginRequestSchema>
export type PublicUser = z.infer<typeof userSchema>

/** Every error the backend answers with: a stable code for programs, a sentence for people. */
export type ErrorBody = { error: { code: ErrorCode; message: string } }

export type ErrorCode = 'invalid_input' | 'invalid_credentials' | 'method_not_allowed'
