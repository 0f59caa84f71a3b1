import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * Password hashing with scrypt from Node's own crypto module: no native add-on to compile.
 * The parameters are OWASP's recommendation (N = 2^17, r = 8, p = 1): 128 MiB of memory and
 * about a third of a second per hash. Each stored hash carries its parameters and salt, so
 * raising them later still verifies the passwords hashed before.
 */
const PARAMETERS = { N: 2 ** 17, r: 8, p: 1 }
const KEY_LENGTH = 64
const SALT_LENGTH = 16
// why: Node refuses scrypt above 32 MiB unless told otherwise; 128 * N * r is what it needs.
const MAX_MEMORY = 2 * 128 * PARAMETERS.N * PARAMETERS.r

type Parameters = typeof PARAMETERS

function deriveKey(password: string, salt: Buffer, parameters: Parameters): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // why: NFKC, so the same visible password matches however the keyboard encoded it.
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { ...parameters, maxmem: MAX_MEMORY },
      (error, key) => (error ? reject(error) : resolve(key)),
    )
  })
}

/** Hashes a password with a fresh random salt: `scrypt$N$r$p$salt$key`, base64 parts. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH)
  const key = await deriveKey(password, salt, PARAMETERS)
  const { N, r, p } = PARAMETERS
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$')
}

/** Recomputes the hash with the stored salt and parameters and compares in constant time. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = storedHash.split('$')
  if (scheme !== 'scrypt' || !salt || !key) throw new Error('Unknown password hash format')
  const expected = Buffer.from(key, 'base64')
  const parameters = { N: Number(N), r: Number(r), p: Number(p) }
  const actual = await deriveKey(password, Buffer.from(salt, 'base64'), parameters)
  // why: timingSafeEqual throws on inputs of different lengths; a damaged hash is a mismatch.
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
