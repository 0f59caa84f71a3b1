import { createHash, randomBytes, randomUUID } from 'node:crypto'

/** How long a refresh token can be exchanged for a new pair. */
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000

/**
 * How long after a rotation the old refresh token still gets the same new pair. why: a
 * browser with two tabs, or a client whose response was lost, sends the same refresh token
 * twice within moments; without the window, the second request would look like theft and
 * sign the person out everywhere.
 */
export const ROTATION_GRACE_MS = 10_000

const SWEEP_INTERVAL_MS = 60_000

/** What a sign-in or a refresh hands out. `accessTokenExpires` is in epoch milliseconds. */
export type IssuedTokens = {
  userId: string
  accessToken: string
  accessTokenExpires: number
  refreshToken: string
}

/**
 * Access and refresh tokens, in memory. Both are opaque random strings, stored only as
 * SHA-256 hashes, so the store alone cannot be replayed. Every refresh token belongs to a
 * family: the one issued at sign-in and all its successors. Revoking the family ends the
 * session: its refresh tokens and its access tokens stop working together.
 */
export type SessionStore = {
  /** Starts a session (a new family) for a user who just signed up or logged in. */
  start(userId: string): IssuedTokens
  /** Exchanges a refresh token for a new pair, or null when it is not (or no longer) valid. */
  rotate(refreshToken: string): IssuedTokens | null
  /** The user an unexpired, unrevoked access token belongs to, or null. */
  userOfAccessToken(accessToken: string): string | null
  /** Revokes the family of a refresh token; an unknown token is ignored. */
  revokeFamilyOf(refreshToken: string): void
}

export type SessionStoreOptions = { accessTokenLifetimeMs: number; now: () => number }

type Family = { id: string; userId: string; revoked: boolean; expiresAt: number }
type AccessRecord = { familyId: string; expiresAt: number }
type Rotation = { at: number; successorHash: string; successorToken: string | undefined }
type RefreshRecord = { familyId: string; expiresAt: number; rotation?: Rotation }

/** 256 random bits: nothing to guess, so a fast hash is enough to store them (unlike passwords). */
const newToken = () => randomBytes(32).toString('base64url')
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** A session store whose clock is `now`, so tests can move time instead of waiting. */
export function createSessionStore({
  accessTokenLifetimeMs,
  now,
}: SessionStoreOptions): SessionStore {
  const families = new Map<string, Family>()
  const accessTokens = new Map<string, AccessRecord>()
  const refreshTokens = new Map<string, RefreshRecord>()
  let lastSweep = now()

  function issueAccessToken(familyId: string) {
    const accessToken = newToken()
    const accessTokenExpires = now() + accessTokenLifetimeMs
    accessTokens.set(hashToken(accessToken), { familyId, expiresAt: accessTokenExpires })
    return { accessToken, accessTokenExpires }
  }

  function issueRefreshToken(family: Family) {
    const refreshToken = newToken()
    const hash = hashToken(refreshToken)
    family.expiresAt = now() + REFRESH_TOKEN_LIFETIME_MS
    refreshTokens.set(hash, { familyId: family.id, expiresAt: family.expiresAt })
    return { refreshToken, hash }
  }

  /** Forgets what can no longer be used, at most once a minute. */
  function sweep() {
    const time = now()
    if (time - lastSweep < SWEEP_INTERVAL_MS) return
    lastSweep = time
    const dead = (familyId: string, expiresAt: number) => {
      const family = families.get(familyId)
      return !family || family.revoked || expiresAt <= time
    }
    for (const [hash, record] of accessTokens)
      if (dead(record.familyId, record.expiresAt)) accessTokens.delete(hash)
    for (const [hash, record] of refreshTokens) {
      if (dead(record.familyId, record.expiresAt)) refreshTokens.delete(hash)
      // why: the successor's plain text is kept only for the grace window.
      else if (record.rotation && time - record.rotation.at >= ROTATION_GRACE_MS)
        record.rotation.successorToken = undefined
    }
    for (const [id, family] of families)
      if (family.revoked || family.expiresAt <= time) families.delete(id)
  }

  /** A refresh token's record and family, if it can still be used at all. */
  function liveRefreshToken(refreshToken: string) {
    sweep()
    const record = refreshTokens.get(hashToken(refreshToken))
    const family = record && families.get(record.familyId)
    if (!record || !family || family.revoked || record.expiresAt <= now()) return null
    return { record, family }
  }

  return {
    start(userId) {
      sweep()
      const family: Family = { id: randomUUID(), userId, revoked: false, expiresAt: 0 }
      families.set(family.id, family)
      const { refreshToken } = issueRefreshToken(family)
      return { userId, ...issueAccessToken(family.id), refreshToken }
    },

    // why: nothing in here awaits, so two requests with the same token cannot interleave:
    // the first rotates it and every later one sees that it did.
    rotate(refreshToken) {
      const live = liveRefreshToken(refreshToken)
      if (!live) return null
      const { record, family } = live
      const answer = (newRefreshToken: string) => ({
        userId: family.userId,
        ...issueAccessToken(family.id),
        refreshToken: newRefreshToken,
      })
      if (!record.rotation) {
        const successor = issueRefreshToken(family)
        const { hash: successorHash, refreshToken: successorToken } = successor
        record.rotation = { at: now(), successorHash, successorToken }
        return answer(successorToken)
      }
      const { at, successorHash, successorToken } = record.rotation
      const successorUnused = !refreshTokens.get(successorHash)?.rotation
      if (successorToken && successorUnused && now() - at < ROTATION_GRACE_MS) {
        return answer(successorToken)
      }
      // Presented again too late, or after its successor was used: someone else holds a copy.
      family.revoked = true
      return null
    },

    userOfAccessToken(accessToken) {
      sweep()
      const record = accessTokens.get(hashToken(accessToken))
      const family = record && families.get(record.familyId)
      if (!record || !family || family.revoked || record.expiresAt <= now()) return null
      return family.userId
    },

    revokeFamilyOf(refreshToken) {
      const record = refreshTokens.get(hashToken(refreshToken))
      const family = record && families.get(record.familyId)
      if (family) family.revoked = true
    },
  }
}
