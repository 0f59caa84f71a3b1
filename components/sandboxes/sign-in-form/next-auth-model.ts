/**
 * ⚠️ A MODEL, NOT NEXT-AUTH. This file stands in for `signIn` from 'next-auth/react' so that the
 * sandbox runs without a server. It resolves to the objects next-auth 4.24 resolves to with
 * `redirect: false`; the handbook's tests run every scenario here, through the real next-auth
 * and on the live site, and require the same results. In your app: import { signIn } from 'next-auth/react'.
 */

/** What `signIn(..., { redirect: false })` resolves to (next-auth's `SignInResponse`). */
export type SignInResponse = {
  error: string | null
  status: number
  ok: boolean
  url: string | null
}

/** How the pretend server behaves: the same branches the handbook's live lab can take. */
export type ServerScenario =
  | 'normal'
  | 'authorize-returns-null'
  | 'authorize-throws'
  | 'signin-returns-false'
  | 'signin-returns-url'

export type SignInOptions = {
  redirect: false
  email: string
  password: string
  scenario?: ServerScenario
  /**
   * Where to go after signing in; next-auth defaults it to the current page, and answers with
   * the site's own origin instead of another site's URL.
   */
  callbackUrl?: string
}

/** The one account the pretend backend knows (the live site's demo account). */
const DEMO_ACCOUNT = { email: 'demo@example.com', password: 'handbook demo password' }

/** What `getSession()` resolves to while signed in (what this handbook's site sends). */
export type Session = {
  user: { id: string; name: string | null; email: string | null; role: 'reader' | 'editor' }
  expires: string
  accessTokenExpires: number
}

/** The pretend session cookie: set only when a sign-in really created a session. */
let currentSession: Session | null = null

/** The site's origin (NEXTAUTH_URL); in the sandbox, the origin of the preview's page. */
const siteOrigin = () => globalThis.location?.origin ?? 'http://localhost:3000'

/**
 * next-auth's default redirect callback, which vets callbackUrl: a path joins the site's
 * origin, a URL of the site passes, any other site's URL is replaced by the site's own.
 */
function vetCallbackUrl(url: string, baseUrl: string): string {
  if (url.startsWith('/')) return `${baseUrl}${url}`
  return new URL(url).origin === baseUrl ? url : baseUrl
}

/** What the pretend server answers, by the branch NextAuth's credentials callback takes. */
function respond(options: SignInOptions): SignInResponse {
  const failed = (error: string, status: number) => ({ error, status, ok: false, url: null })
  const origin = siteOrigin()
  // why: next-auth/react posts the current page when you give no callbackUrl.
  const page = globalThis.location?.href ?? `${origin}/`
  const callbackUrl = vetCallbackUrl(options.callbackUrl ?? page, origin)
  const scenario = options.scenario ?? 'normal'
  // authorize() returning null, whatever the reason, becomes CredentialsSignin.
  if (scenario === 'authorize-returns-null') return failed('CredentialsSignin', 401)
  // An error thrown in authorize() reaches the client as its message.
  if (scenario === 'authorize-throws') return failed('lab_scenario_error', 401)
  const isDemo =
    options.email.trim().toLowerCase() === DEMO_ACCOUNT.email &&
    options.password === DEMO_ACCOUNT.password
  if (!isDemo) return failed('CredentialsSignin', 401)
  // The signIn callback runs only once authorize() returned a user.
  if (scenario === 'signin-returns-false') return failed('AccessDenied', 403)
  if (scenario === 'signin-returns-url') {
    return { error: null, status: 200, ok: true, url: `${origin}/lab#signin-returned-a-url` }
  }
  // The site's session.maxAge is eight hours; its backend's access token lasts 15 minutes.
  currentSession = {
    user: { id: 'demo-user', name: 'Demo Reader', email: DEMO_ACCOUNT.email, role: 'reader' },
    expires: new Date(Date.now() + 8 * 60 * 60 * 1000).toISOString(),
    accessTokenExpires: Date.now() + 15 * 60 * 1000,
  }
  return { error: null, status: 200, ok: true, url: callbackUrl }
}

/** The model of `signIn('login', { redirect: false, ... })`: a short wait, then the answer. */
export async function signIn(provider: 'login', options: SignInOptions): Promise<SignInResponse> {
  if (provider !== 'login') throw new Error(`This model knows only the "login" provider.`)
  await new Promise((resolve) => setTimeout(resolve, 300))
  return respond(options)
}

/** The model of `getSession()`: the session the last successful sign-in created, or null. */
export async function getSession(): Promise<Session | null> {
  return currentSession
}
