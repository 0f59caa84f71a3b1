import type { User } from 'next-auth'
import { z } from 'zod'

import type { BackendClient, InputField, SessionTokens } from './backend'
import { encodeSignInError } from './sign-in-errors'

// #region fields
/** The fields each form posts. NextAuth also posts `csrfToken` and `callbackUrl`: ignored. */
const logInFields = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(256),
})

const signUpFields = logInFields.extend({
  // why: an empty name field means "no name", not a name that is an empty string.
  name: z
    .string()
    .trim()
    .max(100)
    .transform((name) => name || undefined)
    .optional(),
})
// #endregion fields

// #region credentials
/** The fields NextAuth's built-in sign-in page would draw; the app's own forms post the same. */
export const logInCredentials = {
  email: { label: 'Email', type: 'email' },
  password: { label: 'Password', type: 'password' },
}

export const signUpCredentials = {
  ...logInCredentials,
  name: { label: 'Name', type: 'text' },
}
// #endregion credentials

// #region to-user
/** The backend's answer as NextAuth's `User`: it reaches the `jwt` callback once, at sign-in. */
function toUser(answer: SessionTokens): User {
  return {
    id: answer.user.id,
    email: answer.user.email,
    name: answer.user.name,
    role: answer.user.role,
    accessToken: answer.accessToken,
    accessTokenExpires: answer.accessTokenExpires,
    refreshToken: answer.refreshToken,
  }
}
// #endregion to-user

export type ProviderId = 'login' | 'signup'

/** `invalid_input`, with the first field the schema refused (in the form's order). */
function invalidInput(error: z.ZodError): string {
  const key = error.issues[0]?.path[0]
  const field = (['email', 'password', 'name'] as const).find((name) => name === key)
  return encodeSignInError({
    code: 'invalid_input',
    ...(field && { field: field satisfies InputField }),
  })
}

// #region authorize
/**
 * The `authorize()` of one Credentials provider. It asks the backend over HTTP:
 * - the backend's user and tokens on success;
 * - `null` for a wrong email or password, which NextAuth reports as `CredentialsSignin`;
 * - a thrown error for anything else. NextAuth hands the message to `signIn()`'s `error`
 *   as it is, so it is always a fixed code (`encodeSignInError`), never a library's text.
 */
export function createAuthorize(providerId: ProviderId, backend: BackendClient) {
  return async function authorize(
    credentials: Record<string, string> | undefined,
  ): Promise<User | null> {
    const schema = providerId === 'login' ? logInFields : signUpFields
    const input = schema.safeParse(credentials ?? {})
    if (!input.success) throw new Error(invalidInput(input.error))

    const answer =
      providerId === 'login' ? await backend.login(input.data) : await backend.signup(input.data)
    if (answer.ok) return toUser(answer.value)
    if (answer.code === 'invalid_credentials') return null
    throw new Error(encodeSignInError(answer))
  }
}
// #endregion authorize
