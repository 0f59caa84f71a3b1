import { DEMO_ACCOUNT } from '../../demo-backend/demo-account'
import type { LoadTarget } from './login-load'

/** The `name=value` part of every Set-Cookie a response carries. */
export function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '')
}

const FORM = 'application/x-www-form-urlencoded'

/** A CSRF token and the cookie that vouches for it, as the browser holds them. */
async function csrfPair(origin: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${origin}/api/auth/csrf`, { headers })
  const jar = cookiesOf(csrf)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  return { jar, csrfToken }
}

/** The form `signIn('login', { redirect: false })` posts to the credentials callback. */
function callbackForm(origin: string, csrfToken: string): string {
  return new URLSearchParams({
    email: DEMO_ACCOUNT.email,
    password: DEMO_ACCOUNT.password,
    redirect: 'false',
    csrfToken,
    callbackUrl: `${origin}/lab`,
    json: 'true',
  }).toString()
}

/**
 * NextAuth's credentials callback for the demo account, ready to be sent again and again.
 * why: NextAuth checks that the posted token matches its cookie and does not use it up, so one
 * pair serves every request, as it does for a reader who signs in twice from one tab.
 */
export async function credentialsCallback(origin: string): Promise<LoadTarget> {
  const { jar, csrfToken } = await csrfPair(origin)
  return {
    url: `${origin}/api/auth/callback/login`,
    method: 'POST',
    headers: { 'content-type': FORM, cookie: jar.join('; ') },
    body: callbackForm(origin, csrfToken),
  }
}

/**
 * Signs the demo account in through NextAuth as `signIn('login', { redirect: false })` from
 * next-auth/react does in a browser: the CSRF token, the credentials callback with `json`,
 * then the session the client fetches to update `useSession()`. Returns the session cookie.
 * `forwardedFor` names the client in X-Forwarded-For, for a site that trusts one proxy hop.
 */
export async function signIn(origin: string, forwardedFor?: string): Promise<string> {
  const forwarded: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}
  const { jar, csrfToken } = await csrfPair(origin, forwarded)
  const callback = await fetch(`${origin}/api/auth/callback/login`, {
    method: 'POST',
    headers: { 'content-type': FORM, cookie: jar.join('; '), ...forwarded },
    body: callbackForm(origin, csrfToken),
    redirect: 'manual',
  })
  await callback.body?.cancel()
  const session = cookiesOf(callback).find((cookie) =>
    cookie.startsWith('next-auth.session-token='),
  )
  if (!session) throw new Error(`sign-in failed with status ${callback.status}`)
  const answer = await fetch(`${origin}/api/auth/session`, {
    headers: { cookie: [...jar, session].join('; '), ...forwarded },
  })
  const body = (await answer.json()) as { user?: { email?: string } }
  if (body.user?.email !== DEMO_ACCOUNT.email) throw new Error('the session does not name the user')
  return session
}
