import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'

import { getEnv } from '@/lib/env'

import { createAuthorize } from './authorize'
import { createBackendClient } from './backend-client'
import { createCallbacks, tracedEvents } from './callbacks'
import { createAuthLogger } from './logger'

/** Eight hours: a reader's demo session should not outlive the afternoon it was made in. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60

const credentialFields = {
  email: { label: 'Email', type: 'email' },
  password: { label: 'Password', type: 'password' },
}

function buildAuthOptions(): NextAuthOptions {
  const env = getEnv()
  const client = createBackendClient({
    baseUrl: env.BACKEND_URL,
    clientIpSecret: env.BACKEND_JWT_SECRET,
  })
  return {
    secret: env.NEXTAUTH_SECRET,
    // why: the Credentials provider only works with JWT sessions; there is no session table.
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    providers: [
      CredentialsProvider({
        id: 'login',
        name: 'Log in',
        credentials: credentialFields,
        authorize: createAuthorize('login', client),
      }),
      CredentialsProvider({
        id: 'signup',
        name: 'Sign up',
        credentials: { ...credentialFields, name: { label: 'Name', type: 'text' } },
        authorize: createAuthorize('signup', client),
      }),
    ],
    callbacks: createCallbacks(client, env.NEXTAUTH_URL),
    events: tracedEvents,
    logger: createAuthLogger(),
  }
}

let options: NextAuthOptions | undefined

/**
 * The one NextAuth configuration of the site. The API route and every `getServerSession()`
 * call use it, so the two can never disagree about the secret or the callbacks.
 */
export function getAuthOptions(): NextAuthOptions {
  options ??= buildAuthOptions()
  return options
}
