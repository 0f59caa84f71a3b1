import { withAuth } from 'next-auth/middleware'

import { authorized, editorsOnly } from '@reference-app/middleware'

import { sessionCookieName } from '@/lib/auth/cookies'

/**
 * The reference app's middleware, run by the site for its editors-only API, so the lab can show
 * the role gate the protecting-pages chapter teaches: 401 JSON signed out, 403 JSON for a
 * reader, the route itself for an editor. The one difference: over https the site's session
 * cookie is `__Host-` (lib/auth/cookies.ts), and withAuth must be told its name.
 */
export default withAuth(editorsOnly, {
  callbacks: { authorized },
  cookies: {
    sessionToken: { name: sessionCookieName(process.env.NEXTAUTH_URL ?? 'http://localhost:3000') },
  },
})

// why: Next reads `config` from this file itself, so it cannot be re-exported.
export const config = { matcher: ['/api/editor/:path*'] }
