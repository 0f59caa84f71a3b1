import { randomUUID } from 'node:crypto'

import type { LoginRequest, PublicUser, SessionTokens, SignupRequest } from '../contract'
import { isUniqueViolation } from '../db/errors'
import { isDemoAccountEmail } from '../demo-account'
import type { Result } from '../errors'
import { fail, failInput, succeed } from '../errors'
import { isCommonPassword } from './common-passwords'
import { addressGroup } from './client-address'
import type { BackendContext } from './context'
import { findActiveUser, issueSessionTokens, toPublicUser } from './context'
import type { LoginAttempt } from './rate-limits'

/** Where a request came from, as far as the abuse limits are concerned. */
export type ClientInfo = { ip: string }

/**
 * The attempt as the limits count it. The demo accounts have a rule of their own.
 * why: their passwords are printed on the site, so there is nothing to guess, and everyone
 * shares them: the usual limits would let one careless class behind a NAT (or one vandal)
 * lock the account for that address for 15 minutes, or block the address for a day. Their
 * wrong passwords count only per address over one minute (`demoLoginFailuresPerIp`): they
 * slow the address that sends them, briefly, and never lock the account.
 */
function loginAttempt(email: string, address: string): LoginAttempt {
  return { email, address, demo: isDemoAccountEmail(email) }
}

/**
 * Creates an account and signs it in. Accounts made here expire (see
 * `signupAccountLifetimeMs`): this is a public demo, not a place to keep an identity.
 *
 * A sign-up whose answer was lost may be sent again: when the email is taken and the password
 * is that account's, it is answered as the first one was (a reader, new tokens). For the
 * limits it is a log-in attempt as well, so it guesses passwords no faster than `login` does.
 */
export function signup(
  context: BackendContext,
  input: SignupRequest,
  client: ClientInfo,
): Promise<Result<SessionTokens>> {
  const address = addressGroup(client.ip)
  return context.inFlight.run(address, async () => {
    const tooMany = await context.limits.consumeSignup(address)
    if (tooMany !== null) return fail('rate_limited', tooMany)
    if (isCommonPassword(input.password)) return failInput('password')
    const attempt = loginAttempt(input.email, address)
    // why: a sign-up for a taken email is a password guess (see `repeatSignup`); a client
    // that may not guess now is refused before any hashing.
    const retryAfter = await context.limits.loginBlockedFor(attempt)
    if (retryAfter !== null) return fail('rate_limited', retryAfter)

    const now = context.now()
    const user: PublicUser = {
      id: randomUUID(),
      email: input.email,
      name: input.name ?? null,
      role: 'reader',
    }
    const passwordHash = await context.passwords.hash(input.password)
    try {
      await context.db
        .insertInto('users')
        .values({
          ...user,
          password_hash: passwordHash,
          created_at: now,
          expires_at: now + context.signupAccountLifetimeMs,
        })
        .execute()
    } catch (error) {
      // why: the unique index, not a prior SELECT, decides between two sign-ups that race.
      if (isUniqueViolation(error)) return repeatSignup(context, input, attempt)
      throw error
    }
    return succeed(await issueSessionTokens(context, user, randomUUID()))
  })
}

/**
 * A sign-up for a taken email: signed in when the password matches, else `email_taken`. It is
 * counted as a log-in attempt before the password is checked, as `login` counts one.
 */
async function repeatSignup(
  context: BackendContext,
  input: SignupRequest,
  attempt: LoginAttempt,
): Promise<Result<SessionTokens>> {
  const retryAfter = await context.limits.consumeLoginAttempt(attempt)
  if (retryAfter !== null) return fail('rate_limited', retryAfter)
  const existing = await verifyCredentials(context, input)
  // why: the attempt was counted as a failure before hashing; a wrong password leaves it so.
  if (!existing) return fail('email_taken')
  await context.limits.recordLoginSuccess(attempt)
  return succeed(await issueSessionTokens(context, toPublicUser(existing), randomUUID()))
}

/**
 * The active user with this email when the password is theirs, else undefined. An unknown
 * email costs the same hashing as a wrong password.
 */
async function verifyCredentials(context: BackendContext, input: LoginRequest) {
  const user = await findActiveUser(context, 'email', input.email)
  const passwordMatches = user
    ? await context.passwords.verify(user.password_hash, input.password)
    : await context.passwords.verifyNothing(input.password)
  return user && passwordMatches ? user : undefined
}

/**
 * Checks an email and a password. An unknown email and a wrong password take the same path
 * through the hasher and end in the same failure, so neither the answer nor its timing says
 * whether an account exists.
 */
export function login(
  context: BackendContext,
  input: LoginRequest,
  client: ClientInfo,
): Promise<Result<SessionTokens>> {
  const address = addressGroup(client.ip)
  return context.inFlight.run(address, async () => {
    const attempt = loginAttempt(input.email, address)
    const retryAfter = await context.limits.consumeLoginAttempt(attempt)
    if (retryAfter !== null) return fail('rate_limited', retryAfter)

    const user = await verifyCredentials(context, input)
    // why: the attempt was counted as a failure before hashing; a wrong password leaves it so.
    if (!user) return fail('invalid_credentials')
    await context.limits.recordLoginSuccess(attempt)
    return succeed(await issueSessionTokens(context, toPublicUser(user), randomUUID()))
  })
}
