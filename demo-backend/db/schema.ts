import type { Generated } from 'kysely'

import type { Role } from '../contract'

/**
 * The tables the backend owns, as Kysely sees them. Times are epoch milliseconds in `bigint`
 * columns so that SQLite and PostgreSQL store and compare them the same way.
 */
export interface UsersTable {
  id: string
  /** Already normalised (NFKC, trimmed, lower-cased); unique. */
  email: string
  name: string | null
  /** argon2id, in the PHC string format that carries its own parameters and salt. */
  password_hash: string
  created_at: number
  /** Set for accounts made through the public sign-up; they are purged after it. */
  expires_at: number | null
  /** `reader` unless set on insert: only the seeded demo editor is anything else. */
  role: Generated<Role>
}

export interface RefreshTokensTable {
  id: string
  /** Every token rotated from one log-in shares a family; reuse revokes the whole family. */
  family_id: string
  user_id: string
  /** SHA-256 of the token: the token itself is never stored. */
  token_hash: string
  created_at: number
  expires_at: number
  /** When the token was exchanged for a new one. A second exchange is a reuse. */
  used_at: number | null
  revoked_at: number | null
}

export interface DatabaseSchema {
  users: UsersTable
  refresh_tokens: RefreshTokensTable
}
