import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'

import { logInCredentials, signUpCredentials } from '@reference-app/lib/authorize'
import { createBackendClient } from '@reference-app/lib/backend'

import { getEnv } from '@/lib/env'

import { createLabAuthorize } from './authorize'
import { createBackendFetch } from './backend-fetch'
import { createSiteCallbacks, createSiteEvents } from './callbacks'
import { siteCookies } from './cookies'
import { createAuthLogger } from './logger'

/** Eight hours: a reader's demo session should not outlive the afternoon it was made in. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60

function buildAuthOptions(): NextAuthOptions {
  const env = getEnv()
  const backend = createBackendClient({
    baseUrl: env.BACKEND_URL,
    fetch: createBackendFetch(env.BACKEND_JWT_SECRET),
  })
  return {
    secret: env.NEXTAUTH_SECRET,
    // why: the same providers as the reference app's lib/auth-options.ts, with its authorize()
    // run inside the trace; the lab's scenarios are the only difference.
    providers: [
      CredentialsProvider({
        id: 'login',
        name: 'Log in',
        credentials: logInCredentials,
        authorize: createLabAuthorize('login', backend),
      }),
      CredentialsProvider({
        id: 'signup',
        name: 'Sign up',
        credentials: signUpCredentials,
        authorize: createLabAuthorize('signup', backend),
      }),
    ],
    // why: the Credentials provider only works with JWT sessions; there is no session table.
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    // why: unset, jwt.maxAge is 30 days and the token made at sign-in outlives the cookie.
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    // why: over https every cookie is `__Host-`, so no sibling origin (the sandboxes') can set one.
    cookies: siteCookies(env.NEXTAUTH_URL),
    callbacks: createSiteCallbacks(backend, env.NEXTAUTH_URL),
    events: createSiteEvents(backend),
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
