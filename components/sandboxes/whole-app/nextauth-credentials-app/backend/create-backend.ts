import type { LoginRequest, PublicUser, SessionTokens, SignupRequest } from './contract'
import type { Result } from './errors'
import { fail, succeed } from './errors'
import { hashPassword } from './passwords'
import type { IssuedTokens } from './sessions'
import { createSessionStore } from './sessions'
import type { StoredUser } from './users'
import { createUserStore, toPublicUser } from './users'

/** The backend's five operations. They take validated input and never throw for a failure. */
export type Backend = {
  signup(input: SignupRequest): Promise<Result<SessionTokens>>
  login(input: LoginRequest): Promise<Result<SessionTokens>>
  refresh(refreshToken: string): Promise<Result<SessionTokens>>
  me(accessToken: string): Promise<Result<{ user: PublicUser }>>
  logout(refreshToken: string): Promise<Result<null>>
}

export type BackendOptions = {
  accessTokenLifetimeSeconds: number
  /** The clock, in epoch milliseconds. Tests pass their own to expire tokens without waiting. */
  now?: () => number
}

/**
 * A backend with its own empty stores (plus the demo accounts). It resolves once the demo
 * passwords are hashed.
 */
export async function createBackend({
  accessTokenLifetimeSeconds,
  now = Date.now,
}: BackendOptions): Promise<Backend> {
  const users = await createUserStore()
  const sessions = createSessionStore({
    accessTokenLifetimeMs: accessTokenLifetimeSeconds * 1000,
    now,
  })

  /** The answer to a sign-up, a log-in or a refresh, with the user as it is now. */
  function answer(issued: IssuedTokens | null): Result<SessionTokens> {
    const user = issued && users.findById(issued.userId)
    if (!issued || !user) return fail('invalid_token')
    const { userId: _userId, ...tokens } = issued
    return succeed({ user: toPublicUser(user), ...tokens })
  }

  /**
   * An email that is taken. why: if the password is that account's, this is most likely the
   * same person retrying a sign-up whose response was lost, so they get what a sign-up gives.
   */
  async function signupAgain(user: StoredUser, password: string): Promise<Result<SessionTokens>> {
    if (!(await users.checkPassword(user, password))) return fail('email_taken')
    return answer(sessions.start(user.id))
  }

  return {
    async signup({ email, password, name }) {
      const existing = users.findByEmail(email)
      if (existing) return signupAgain(existing, password)
      const passwordHash = await hashPassword(password)
      // why: another sign-up with this email may have finished while this one was hashing.
      const { user, created } = users.add({
        email,
        name: name ?? null,
        role: 'reader',
        passwordHash,
      })
      return created ? answer(sessions.start(user.id)) : signupAgain(user, password)
    },

    async login({ email, password }) {
      const user = users.findByEmail(email)
      // An unknown email costs the same scrypt run as a wrong password (see checkPassword)
      // and ends in the same failure.
      const matches = await users.checkPassword(user, password)
      if (!user || !matches) return fail('invalid_credentials')
      return answer(sessions.start(user.id))
    },

    async refresh(refreshToken) {
      return answer(sessions.rotate(refreshToken))
    },

    async me(accessToken) {
      const userId = sessions.userOfAccessToken(accessToken)
      const user = userId === null ? undefined : users.findById(userId)
      return user ? succeed({ user: toPublicUser(user) }) : fail('invalid_token')
    },

    async logout(refreshToken) {
      sessions.revokeFamilyOf(refreshToken)
      return succeed(null)
    },
  }
}
