import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'

import { jwtVerify, SignJWT } from 'jose'

const ISSUER = 'handbook-demo-backend'
const ALGORITHM = 'HS256'

export type AccessToken = { token: string; expiresAt: number }

/**
 * Signs and checks the backend's own access tokens: short-lived JWTs (HS256, signed with
 * BACKEND_JWT_SECRET) whose subject is the user id. They are the backend's, not NextAuth's:
 * NextAuth only carries them inside its encrypted session.
 */
export function createAccessTokens(secret: string, lifetimeSeconds: number) {
  // why: given the secret's bytes, jose imports a new CryptoKey for every token it signs or
  // checks; importing it once takes that work off every log-in.
  let key: Promise<CryptoKey> | undefined
  const signingKey = () =>
    (key ??= crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    ))
  return {
    async issue(userId: string, now: number): Promise<AccessToken> {
      const expiresAt = now + lifetimeSeconds * 1000
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setJti(randomUUID())
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(Math.floor(expiresAt / 1000))
        .sign(await signingKey())
      return { token, expiresAt }
    },
    /** The user id the token was issued to, or null for a forged, foreign or expired token. */
    async verify(token: string, now: number): Promise<string | null> {
      try {
        const { payload } = await jwtVerify(token, await signingKey(), {
          algorithms: [ALGORITHM],
          issuer: ISSUER,
          currentDate: new Date(now),
        })
        return typeof payload.sub === 'string' ? payload.sub : null
      } catch {
        return null
      }
    },
  }
}

export type AccessTokens = ReturnType<typeof createAccessTokens>

/** A fresh opaque refresh token: 256 random bits, base64url. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * What the database stores instead of the token. A fast hash is enough here: the token has
 * 256 bits of entropy, so there is nothing to brute-force, unlike a password.
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * The function that names the token a refresh token is rotated into:
 * base64url(HMAC-SHA256(key, token)), with a key derived from BACKEND_JWT_SECRET.
 *
 * why: a request that repeats a rotation within the grace window must get the same new token
 * back, yet the database keeps only hashes. Deriving the successor lets the backend compute it
 * again from the token the client presents. Only that token's holder can: it is 256 random
 * bits, and the key never leaves the server. The sub-key keeps these MACs apart from the
 * access-token and client-address signatures made with the same secret.
 */
export function createSuccessorDerivation(secret: string): (token: string) => string {
  const key = createHmac('sha256', secret).update('refresh-successor').digest()
  return (token) => createHmac('sha256', key).update(token).digest('base64url')
}
