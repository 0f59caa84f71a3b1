import { randomUUID } from 'node:crypto'

import type { LoginRequest, PublicUser, SessionTokens, SignupRequest } from '../contract'
import { isUniqueViolation } from '../db/errors'
import type { Result } from '../errors'
import { fail, succeed } from '../errors'
import { isCommonPassword } from './common-passwords'
import type { BackendContext } from './context'
import { findActiveUser, issueSessionTokens, toPublicUser } from './context'

/** Where a request came from, as far as the abuse limits are concerned. */
export type ClientInfo = { ip: string }

/**
 * Creates an account and signs it in. Accounts made here expire (see
 * `signupAccountLifetimeMs`): this is a public demo, not a place to keep an identity.
 *
 * A sign-up whose answer was lost may be sent again: when the email is taken and the password
 * is that account's, it is answered as the first one was (a reader, new tokens). For the
 * limits it is a log-in attempt as well, so it guesses passwords no faster than `login` does.
 */
export async function signup(
  context: BackendContext,
  input: SignupRequest,
  client: ClientInfo,
): Promise<Result<SessionTokens>> {
  const retryAfter =
    (await context.limits.consumeSignup(client.ip)) ??
    (await context.limits.loginBlockedFor(input.email, client.ip))
  if (retryAfter !== null) return fail('rate_limited', retryAfter)
  if (isCommonPassword(input.password)) return fail('invalid_input')

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
    if (isUniqueViolation(error)) return repeatSignup(context, input, client)
    throw error
  }
  return succeed(await issueSessionTokens(context, user, randomUUID()))
}

/** A sign-up for a taken email: signed in when the password matches, else `email_taken`. */
async function repeatSignup(
  context: BackendContext,
  input: SignupRequest,
  client: ClientInfo,
): Promise<Result<SessionTokens>> {
  const existing = await verifyCredentials(context, input)
  if (!existing) {
    await context.limits.recordLoginFailure(input.email, client.ip)
    return fail('email_taken')
  }
  await context.limits.recordLoginSuccess(input.email, client.ip)
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
export async function login(
  context: BackendContext,
  input: LoginRequest,
  client: ClientInfo,
): Promise<Result<SessionTokens>> {
  const retryAfter = await context.limits.loginBlockedFor(input.email, client.ip)
  if (retryAfter !== null) return fail('rate_limited', retryAfter)

  const user = await verifyCredentials(context, input)
  if (!user) {
    await context.limits.recordLoginFailure(input.email, client.ip)
    return fail('invalid_credentials')
  }
  await context.limits.recordLoginSuccess(input.email, client.ip)
  return succeed(await issueSessionTokens(context, toPublicUser(user), randomUUID()))
}
