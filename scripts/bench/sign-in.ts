import { DEMO_ACCOUNT } from '../../demo-backend/demo-account'

/** The `name=value` part of every Set-Cookie a response carries. */
export function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '')
}

/** Signs the demo account in through NextAuth, as a browser would; returns the session cookie. */
export async function signIn(origin: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`)
  const jar = cookiesOf(csrf)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const callback = await fetch(`${origin}/api/auth/callback/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({
      csrfToken,
      email: DEMO_ACCOUNT.email,
      password: DEMO_ACCOUNT.password,
      json: 'true',
    }),
    redirect: 'manual',
  })
  const session = cookiesOf(callback).find((cookie) =>
    cookie.startsWith('next-auth.session-token='),
  )
  if (!session) throw new Error(`sign-in failed with status ${callback.status}`)
  return session
}
