import { getAppSession } from '../../../lib/app-session'

// #region me-route
/** `GET /api/me`: who is signed in. A protected route handler: 401 JSON without a session. */
export async function GET() {
  const session = await getAppSession()
  if (!session) {
    return Response.json(
      { error: { code: 'unauthenticated', message: 'Sign in to see this.' } },
      { status: 401 },
    )
  }
  return Response.json({ user: session.user })
}
// #endregion me-route
