import { randomBytes, randomUUID } from 'node:crypto'

import type { LoginRequest, PublicUser } from './contract'
import { hashPassword, verifyPassword } from './passwords'

/**
 * The account you can sign in with. Its password is public on purpose: the README prints it.
 * It is the only password in plain text anywhere; the store below keeps only its hash.
 */
export const DEMO_USER = {
  email: 'demo@example.com',
  password: 'handbook demo password',
  name: 'Demo Reader',
} as const

type StoredUser = PublicUser & { passwordHash: string }

/**
 * An in-memory user store, standing in for your database: it empties when the server stops.
 * why: it hangs off `globalThis` so that `next dev` reloading this module keeps its users.
 */
const memory = globalThis as typeof globalThis & { users?: Promise<Map<string, StoredUser>> }

async function createStore(): Promise<Map<string, StoredUser>> {
  const demo: StoredUser = {
    id: randomUUID(),
    email: DEMO_USER.email,
    name: DEMO_USER.name,
    passwordHash: await hashPassword(DEMO_USER.password),
  }
  return new Map([[demo.email, demo]])
}

/** The users, with the demo user created (and its password hashed) on first use. */
function users(): Promise<Map<string, StoredUser>> {
  memory.users ??= createStore()
  return memory.users
}

let decoyHash: Promise<string> | undefined

/**
 * The user whose email and password these are, or null. An unknown email and a wrong password
 * both give null, after the same work: verifying against a decoy hash when there is no user
 * keeps the response time from telling an attacker which emails have accounts.
 */
export async function verifyCredentials({
  email,
  password,
}: LoginRequest): Promise<PublicUser | null> {
  const user = (await users()).get(email)
  if (!user) {
    decoyHash ??= hashPassword(randomBytes(32).toString('base64'))
    await verifyPassword(await decoyHash, password)
    return null
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null
  const { passwordHash: _hash, ...publicUser } = user
  return publicUser
}
