import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'

import { createAuthorize, logInCredentials, signUpCredentials } from './authorize'
import { createBackendClient } from './backend'
import { createCallbacks, createEvents } from './callbacks'
import { backendUrl } from './env'

const backend = createBackendClient({ baseUrl: backendUrl() })

// #region max-age
/** Eight hours: how long a session lasts without the person signing in again. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60
// #endregion max-age

// #region options
/**
 * The one NextAuth configuration: the API route and every getServerSession() use it.
 * There is no `secret` here: NextAuth reads NEXTAUTH_SECRET itself, and instrumentation.ts
 * stops the server when it is missing. (middleware.ts cannot import these options; it reads
 * NEXTAUTH_SECRET too.)
 */
export const authOptions: NextAuthOptions = {
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
