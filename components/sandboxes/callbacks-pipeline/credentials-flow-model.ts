/**
 * ⚠️ A MODEL, NOT NEXT-AUTH. This file stands in for next-auth 4.24's Credentials sign-in so the
 * sandbox runs in your browser without a server. It calls your authorize() and callbacks in the
 * order next-auth's core does (core/init.js, core/routes/callback.js, core/routes/session.js)
 * with the same arguments, and resolves signIn() the way next-auth/react does. The handbook's
 * tests run the same scenarios here, through the real next-auth and on the live site, and
 * require the same order and the same objects.
 *
 * Left out on purpose: the /providers and /csrf requests signIn() makes first (nothing you edit
 * runs there but redirect), the CSRF check, cookie encryption, and `events`.
 */

/** What signIn(..., { redirect: false }) resolves to (next-auth/react's SignInResponse). */
export type SignInResponse = {
  error: string | null
  status: number
  ok: boolean
  url: string | null
}

export type User = {
  id: string
  name?: string | null
  email?: string | null
  image?: string
  role?: string
}
export type Account = { providerAccountId: string; type: 'credentials'; provider: string }
export type Token = Record<string, unknown> & { name?: string | null; email?: string | null }
export type Session = Record<string, unknown> & {
  user?: Record<string, unknown>
  expires: string
}
/** Everything signIn() posts, as strings: your fields, csrfToken, callbackUrl and json. */
export type Credentials = Record<string, string>
type MaybePromise<T> = T | Promise<T>

export type Authorize = (credentials: Credentials) => MaybePromise<User | null>

export type Callbacks = {
  signIn(params: {
    user: User
    account: Account
    credentials: Credentials
  }): MaybePromise<boolean | string>
  redirect(params: { url: string; baseUrl: string }): MaybePromise<string>
  jwt(params: {
    token: Token
    user?: User
    account?: Account
    isNewUser?: boolean
    trigger?: 'signIn' | 'update'
    session?: unknown
  }): MaybePromise<Token>
  session(params: { session: Session; token: Token }): MaybePromise<Session>
}

export type StepName = 'redirect' | 'authorize' | 'signIn' | 'jwt' | 'session'

/** One call of authorize() or a callback: a copy of what it received and what it gave back. */
export type FlowStep = { name: StepName; args: unknown; result?: unknown; error?: string }

/** One HTTP request to NextAuth, the steps it ran, and the answer it sent. */
export type FlowRequest = { label: string; steps: FlowStep[]; status: number; body: unknown }

export type FlowOutcome = {
  requests: FlowRequest[]
  /** null when signIn() rejected instead (see `rejected`). */
  signInResult: SignInResponse | null
  /** The error signIn() rejected with, e.g. when jwt threw or signIn returned a relative URL. */
  rejected: string | null
  /** What getSession() and useSession() hold afterwards. */
  session: Session | null
}

export type FlowInput = {
  authorize: Authorize
  callbacks: Partial<Callbacks>
  providerId?: string
  /** What you pass to signIn(providerId, options), e.g. { redirect: false, email, password }. */
  options: Record<string, string | boolean>
  /** The site's NEXTAUTH_URL origin. */
  siteUrl: string
  /** Where signIn() was called; its default callbackUrl. */
  pageUrl: string
  /** session.maxAge: how long the session lasts (`expires`). next-auth's default is 30 days. */
  maxAgeSeconds?: number
  /**
   * jwt.maxAge: when the token in the cookie expires (`exp`). next-auth's default is 30 days
   * whatever session.maxAge says, so a shorter session needs both set.
   */
  jwtMaxAgeSeconds?: number
}

const THIRTY_DAYS_SECONDS = 30 * 24 * 60 * 60

/** next-auth's defaults (core/lib/default-callbacks.js) for callbacks you leave out. */
export const defaultCallbacks: Callbacks = {
  signIn: () => true,
  redirect: ({ url, baseUrl }) => {
    if (url.startsWith('/')) return `${baseUrl}${url}`
    return new URL(url).origin === baseUrl ? url : baseUrl
  },
  jwt: ({ token }) => token,
  session: ({ session }) => session,
}

// why: the browser only ever sees JSON, and the cookie holds JSON too, so `undefined` vanishes.
const asJson = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)))

/** Runs one step, recording a copy of its arguments before and of its result after. */
async function step<T>(
  steps: FlowStep[],
  name: StepName,
  args: object,
  run: () => MaybePromise<T>,
): Promise<T> {
  const recorded: FlowStep = { name, args: asJson(args) }
  steps.push(recorded)
  try {
    const result = await run()
    recorded.result = asJson(result)
    return result
  } catch (error) {
    recorded.error = error instanceof Error ? error.message : String(error)
    throw error
  }
}

/** The callback request: POST /api/auth/callback/<id>. Answers `{ url }` and maybe a token. */
async function callbackRequest(input: FlowInput, callbacks: Callbacks, request: FlowRequest) {
  const { steps } = request
  const authUrl = `${input.siteUrl}/api/auth`
  const providerId = input.providerId ?? 'login'
  const options = { ...input.options }
  const callbackUrlParam = String(options.callbackUrl ?? input.pageUrl)
  // why: signIn() posts a form, so every value arrives as a string ('false', 'true').
  const credentials: Credentials = Object.fromEntries(
    Object.entries({
      ...options,
      csrfToken: 'csrf-token',
      callbackUrl: callbackUrlParam,
      json: true,
    }).map(([key, value]) => [key, String(value)]),
  )
  const answer = (status: number, url: string) => {
    request.status = status
    request.body = { url }
  }

  // init.js: the callbackUrl parameter goes through redirect before the route runs.
  const callbackUrl = await step(
    steps,
    'redirect',
    { url: callbackUrlParam, baseUrl: input.siteUrl },
    () => callbacks.redirect({ url: callbackUrlParam, baseUrl: input.siteUrl }),
  )

  let user: User | null
  try {
    user = await step(steps, 'authorize', { credentials }, () => input.authorize(credentials))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    answer(401, `${authUrl}/error?error=${encodeURIComponent(message)}`)
    return { callbackUrl, token: null }
  }
  if (!user) {
    const query = new URLSearchParams({ error: 'CredentialsSignin', provider: providerId })
    answer(401, `${authUrl}/error?${query}`)
    return { callbackUrl, token: null }
  }

  const account: Account = { providerAccountId: user.id, type: 'credentials', provider: providerId }
  let allowed: boolean | string
  try {
    allowed = await step(steps, 'signIn', { user, account, credentials }, () =>
      callbacks.signIn({ user, account, credentials }),
    )
  } catch (error) {
    // why: next-auth sends no status here, so the answer is a 200 that carries an error.
    const message = error instanceof Error ? error.message : String(error)
    answer(200, `${authUrl}/error?error=${encodeURIComponent(message)}`)
    return { callbackUrl, token: null }
  }
  if (!allowed) {
    answer(403, `${authUrl}/error?error=AccessDenied`)
    return { callbackUrl, token: null }
  }
  if (typeof allowed === 'string') {
    // A URL: no jwt, no cookie. The reader is sent there instead of signed in.
    answer(200, allowed)
    return { callbackUrl, token: null }
  }

  // why: next-auth turns the id into a string here: an authorize() that returns a database's
  // numeric id 42 gives the token `sub: "42"` (the user and the account keep the number).
  const sub = (user.id as string | number | undefined)?.toString()
  const token: Token = { name: user.name, email: user.email, picture: user.image, sub }
  const jwtArgs = { token, user, account, isNewUser: false, trigger: 'signIn' as const }
  // A throw here escapes next-auth's handler: a 500 page, and signIn() rejects.
  const signedIn = await step(steps, 'jwt', jwtArgs, () => callbacks.jwt(jwtArgs))
  answer(200, callbackUrl)
  return { callbackUrl, token: signedIn }
}

/** What jose's EncryptJWT adds when next-auth encrypts the token into the cookie. */
function encodeIntoCookie(token: Token, maxAgeSeconds: number): Token {
  const iat = Math.floor(Date.now() / 1000)
  const jti = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2)
  return { ...asJson(token), iat, exp: iat + maxAgeSeconds, jti }
}

/** The session request: GET /api/auth/session, which signIn() makes after an ok answer. */
async function sessionRequest(
  input: FlowInput,
  callbacks: Callbacks,
  request: FlowRequest,
  cookie: { callbackUrl: string; token: Token | null },
): Promise<void> {
  const { steps } = request
  const maxAge = input.maxAgeSeconds ?? THIRTY_DAYS_SECONDS
  // init.js: the callback-url cookie the first request set goes through redirect again.
  const redirectArgs = { url: cookie.callbackUrl, baseUrl: input.siteUrl }
  await step(steps, 'redirect', redirectArgs, () => callbacks.redirect(redirectArgs))
  request.status = 200
  request.body = {}
  if (!cookie.token) return
  const decoded = encodeIntoCookie(cookie.token, input.jwtMaxAgeSeconds ?? THIRTY_DAYS_SECONDS)
  try {
    const token = await step(steps, 'jwt', { token: decoded, session: undefined }, () =>
      callbacks.jwt({ token: decoded, session: undefined }),
    )
    // why: next-auth builds session.user from the decrypted cookie, not from what jwt returned.
    const session: Session = {
      user: { name: decoded.name, email: decoded.email, image: decoded.picture },
      expires: new Date(Date.now() + maxAge * 1000).toISOString(),
    }
    const shown = await step(steps, 'session', { session, token }, () =>
      callbacks.session({ session, token }),
    )
    request.body = asJson(shown)
  } catch {
    // next-auth logs JWT_SESSION_ERROR, clears the cookie and answers {}: signed out.
  }
}

/** How next-auth/react's signIn() reads the callback request's answer. */
function toSignInResponse(status: number, body: { url: string }): SignInResponse {
  // why: like next-auth/react, this throws a TypeError for a relative URL.
  const error = new URL(body.url).searchParams.get('error')
  const ok = status >= 200 && status < 300
  return { error, status, ok, url: error ? null : body.url }
}

/**
 * `signIn(providerId, { redirect: false, ...fields })` against a pretend next-auth whose
 * authorize() and callbacks are yours: every step in order, what signIn() resolved to, and the
 * session the page then holds.
 */
export async function runCredentialsSignIn(input: FlowInput): Promise<FlowOutcome> {
  const callbacks: Callbacks = { ...defaultCallbacks, ...input.callbacks }
  const providerId = input.providerId ?? 'login'
  const first: FlowRequest = {
    label: `POST /api/auth/callback/${providerId}`,
    steps: [],
    status: 500,
    body: null,
  }
  const outcome: FlowOutcome = {
    requests: [first],
    signInResult: null,
    rejected: null,
    session: null,
  }
  try {
    const cookie = await callbackRequest(input, callbacks, first)
    const result = toSignInResponse(first.status, first.body as { url: string })
    if (result.ok) {
      const second: FlowRequest = {
        label: 'GET /api/auth/session',
        steps: [],
        status: 0,
        body: null,
      }
      outcome.requests.push(second)
      try {
        await sessionRequest(input, callbacks, second, cookie)
        const body = second.body as Session
        outcome.session = Object.keys(body).length > 0 ? body : null
      } catch {
        // why: a failed session fetch (redirect threw: a 500) leaves signIn()'s answer alone.
        second.status = 500
      }
    }
    outcome.signInResult = result
  } catch (error) {
    outcome.rejected = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  }
  return outcome
}
