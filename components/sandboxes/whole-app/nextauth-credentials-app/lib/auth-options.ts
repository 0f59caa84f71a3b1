import type { NextAuthOptions, User } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'

import { loginRequestSchema, loginResponseSchema } from '../backend/contract'
import { readEnv } from './env'

const env = readEnv()

/**
 * What `authorize()` throws when the backend gives no usable answer. NextAuth hands a thrown
 * error's message to the browser as is, so it is a fixed code, never the error from fetch.
 */
export const BACKEND_UNAVAILABLE = 'unavailable'

/**
 * Sends the credentials to the backend and turns its answer into what NextAuth understands:
 * the user on success, `null` for a wrong email or password (NextAuth reports
 * `CredentialsSignin`), and a thrown error for everything else.
 */
async function authorize(credentials: Record<string, string> | undefined): Promise<User | null> {
  // why: NextAuth also posts csrfToken and callbackUrl; the backend gets only its two fields.
  const input = loginRequestSchema.safeParse({
    email: credentials?.email,
    password: credentials?.password,
  })
  if (!input.success) return null

  let response: Response
  try {
    response = await fetch(`${env.BACKEND_URL}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input.data),
      signal: AbortSignal.timeout(5_000),
    })
  } catch {
    throw new Error(BACKEND_UNAVAILABLE)
  }
  if (response.status === 401) return null
  const answer = loginResponseSchema.safeParse(await response.json().catch(() => null))
  if (!response.ok || !answer.success) throw new Error(BACKEND_UNAVAILABLE)
  return answer.data.user
}

/** The NextAuth configuration: the API route uses it, and so would `getServerSession()`. */
export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  // why: the Credentials provider only works with JWT sessions (there is no session table).
  session: { strategy: 'jwt' },
  providers: [
    CredentialsProvider({
      // Without an `id`, the provider is `credentials`: signIn('credentials', …) selects it.
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      authorize,
    }),
  ],
  pages: { signIn: '/sign-in' },
  callbacks: {
    jwt({ token, user }) {
      // `user` is what authorize() returned, and it is only there on the sign-in request:
      // copy what later requests need into the token, which the session cookie carries.
      if (user) token.id = user.id
      return token
    },
    session({ session, token }) {
      // What the browser sees: the default name and email, plus the user id.
      return { ...session, user: { ...session.user, id: token.id } }
    },
  },
}
