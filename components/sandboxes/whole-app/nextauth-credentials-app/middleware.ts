import { NextResponse } from 'next/server'
import type { NextRequest } from 'next/server'
import type { NextRequestWithAuth } from 'next-auth/middleware'
import { withAuth } from 'next-auth/middleware'
import type { JWT } from 'next-auth/jwt'

import { isEditor } from './lib/roles'

// #region middleware
/**
 * Runs before the pages and API routes in `config.matcher`. It reads the session cookie
 * with NEXTAUTH_SECRET and never runs the `jwt` callback: it sees the token as the cookie has
 * it, so it can check the role but cannot refresh the access token.
 */
export default withAuth(editorsOnly, {
  callbacks: { authorized },
  pages: { signIn: '/sign-in' },
})

/** Pages: false sends the person to the sign-in page. API routes: `editorsOnly` decides. */
export function authorized({ req, token }: { req: NextRequest; token: JWT | null }) {
  return req.nextUrl.pathname.startsWith('/api/') || isEditor(token)
}

/**
 * Runs when `authorized` said yes. why: withAuth answers a refusal with a redirect to the
 * sign-in page, which is right for a page and wrong for a fetch(): API routes get JSON.
 */
export function editorsOnly(req: NextRequestWithAuth) {
  if (req.nextUrl.pathname.startsWith('/api/') && !isEditor(req.nextauth.token)) {
    const signedIn = req.nextauth.token !== null && !req.nextauth.token.error
    return NextResponse.json(
      signedIn
        ? { error: { code: 'forbidden', message: 'Only editors may do this.' } }
        : { error: { code: 'unauthenticated', message: 'Sign in first.' } },
      { status: signedIn ? 403 : 401 },
    )
  }
  return NextResponse.next()
}

export const config = { matcher: ['/editor/:path*', '/api/editor/:path*'] }
// #endregion middleware
