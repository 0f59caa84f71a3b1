import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'

import { createAuthorize, logInCredentials, signUpCredentials } from './authorize'
import { createBackendClient } from './backend'
import { createCallbacks, createEvents } from './callbacks'
import { readEnv } from './env'

const env = readEnv()
const backend = createBackendClient({ baseUrl: env.BACKEND_URL })

// #region max-age
/** Eight hours: how long a session lasts without the person signing in again. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60
// #endregion max-age

// #region options
/**
 * The one NextAuth configuration: the API route and every getServerSession() use it.
 * (middleware.ts cannot import it: it reads NEXTAUTH_SECRET itself.)
 */
export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  // #region providers
  providers: [
    CredentialsProvider({
      id: 'login',
      name: 'Log in',
      credentials: logInCredentials,
      authorize: createAuthorize('login', backend),
    }),
    CredentialsProvider({
      id: 'signup',
      name: 'Sign up',
      credentials: signUpCredentials,
      authorize: createAuthorize('signup', backend),
    }),
  ],
  // #endregion providers
  // #region lifetime
  // why: the Credentials provider only works with JWT sessions (there is no session table).
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  // why: left unset, jwt.maxAge is 30 days whatever session.maxAge says, and the token made
  // at sign-in would outlive the session it belongs to.
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  // #endregion lifetime
  callbacks: createCallbacks(backend),
  events: createEvents(backend),
  pages: { signIn: '/sign-in' },
}
// #endregion options
