import type { User } from 'next-auth'

import type { SessionTokens } from '@/demo-backend/contract'
import { loginRequestSchema, signupRequestSchema } from '@/demo-backend/contract'
import { traceStep } from '@/lib/trace/context'

import type { BackendClient } from './backend-client'
import { readScenario, SCENARIO_THROWN_MESSAGE } from './scenarios'

export type ProviderId = 'login' | 'signup'

type Credentials = Record<string, string> | undefined

function toUser(tokens: SessionTokens): User {
  return {
    id: tokens.user.id,
    email: tokens.user.email,
    name: tokens.user.name,
    accessToken: tokens.accessToken,
    accessTokenExpires: tokens.accessTokenExpires,
    refreshToken: tokens.refreshToken,
  }
}

/** Only the fields the backend expects; NextAuth also posts csrfToken, callbackUrl and more. */
function backendFields(providerId: ProviderId, credentials: Credentials) {
  const fields = { email: credentials?.email, password: credentials?.password }
  if (providerId === 'login') return loginRequestSchema.safeParse(fields)
  const name = credentials?.name?.trim() ? credentials.name : undefined
  return signupRequestSchema.safeParse({ ...fields, name })
}

/**
 * The `authorize()` of one Credentials provider: asks the backend over HTTP and maps its
 * answer to what NextAuth understands. A wrong email or password is `null` (NextAuth reports
 * `CredentialsSignin`); any other failure throws its contract code, which NextAuth hands to
 * the client as the `error` of `signIn()`. No backend text ever reaches the reader.
 */
export function createAuthorize(providerId: ProviderId, client: BackendClient) {
  return (credentials: Credentials) =>
    traceStep('authorize', { credentials }, async (): Promise<User | null> => {
      const scenario = readScenario(credentials)
      if (scenario === 'authorize-returns-null') return null
      if (scenario === 'authorize-throws') throw new Error(SCENARIO_THROWN_MESSAGE)

      const fields = backendFields(providerId, credentials)
      if (!fields.success) throw new Error('invalid_input')
      const answer =
        providerId === 'login' ? await client.login(fields.data) : await client.signup(fields.data)
      if (answer.ok) return toUser(answer.value)
      if (answer.code === 'invalid_credentials') return null
      throw new Error(answer.code)
    })
}
