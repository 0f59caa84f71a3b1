import { randomBytes, randomUUID } from 'node:crypto'

import type { PublicUser, Role } from './contract'
import { hashPassword, verifyPassword } from './passwords'

/**
 * The accounts that exist from the start. Their passwords are public on purpose (the README
 * prints them) and are the only ones in plain text anywhere: the store keeps only hashes.
 * There is a reader and an editor, so a role gate can be tried both ways.
 */
export const DEMO_ACCOUNTS = [
  {
    email: 'demo@example.com',
    password: 'handbook demo password',
    name: 'Demo Reader',
    role: 'reader',
  },
  {
    email: 'editor@example.com',
    password: 'handbook editor password',
    name: 'Demo Editor',
    role: 'editor',
  },
] as const satisfies readonly { email: string; password: string; name: string; role: Role }[]

/** A user as the store keeps one. */
export type StoredUser = PublicUser & { passwordHash: string }

/** The user without its password hash: the only form that leaves the backend. */
export function toPublicUser({ id, email, name, role }: StoredUser): PublicUser {
  return { id, email, name, role }
}

/**
 * An in-memory user store, standing in for your database: it empties when the server stops.
 * Emails arrive normalised (see `normalizeEmail`), so a Map keyed by email is the unique index.
 */
export type UserStore = {
  findByEmail(email: string): StoredUser | undefined
  findById(id: string): StoredUser | undefined
  /**
   * Adds a user unless the email is taken, and returns the account that has the email now.
   * The check and the insert are one synchronous step, so two sign-ups cannot both create it.
   */
  add(user: Omit<StoredUser, 'id'>): { user: StoredUser; created: boolean }
  /**
   * Whether `password` is this user's. Without a user it verifies against a dummy hash and
   * returns false. why: an unknown email must cost the same scrypt run as a wrong password,
   * or the response time tells an attacker which emails have accounts.
   */
  checkPassword(user: StoredUser | undefined, password: string): Promise<boolean>
}

/** A store holding the demo accounts, their passwords hashed. */
export async function createUserStore(): Promise<UserStore> {
  const byEmail = new Map<string, StoredUser>()
  const byId = new Map<string, StoredUser>()

  const add: UserStore['add'] = (user) => {
    const existing = byEmail.get(user.email)
    if (existing) return { user: existing, created: false }
    const stored = { id: randomUUID(), ...user }
    byEmail.set(stored.email, stored)
    byId.set(stored.id, stored)
    return { user: stored, created: true }
  }

  // why: the dummy hash is made now, with the demo accounts; made on the first unknown email,
  // that request alone would take twice as long and give the game away.
  const [dummyHash, demoUsers] = await Promise.all([
    hashPassword(randomBytes(32).toString('base64url')),
    Promise.all(
      DEMO_ACCOUNTS.map(async ({ password, ...account }) => ({
        ...account,
        passwordHash: await hashPassword(password),
      })),
    ),
  ])
  for (const user of demoUsers) add(user)

  return {
    findByEmail: (email) => byEmail.get(email),
    findById: (id) => byId.get(id),
    add,
    async checkPassword(user, password) {
      const matches = await verifyPassword(user?.passwordHash ?? dummyHash, password)
      return user !== undefined && matches
    },
  }
}
