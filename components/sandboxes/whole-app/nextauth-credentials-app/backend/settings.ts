import { z } from 'zod'

/** The backend's configuration. It has its own variables: it is not part of the NextAuth app. */
export type BackendSettings = { accessTokenLifetimeSeconds: number }

const ACCESS_TOKEN_LIFETIME = 'ACCESS_TOKEN_LIFETIME_SECONDS'

const lifetimeSchema = z.coerce.number().int().min(10).max(3600).default(300)

/**
 * Reads and checks the backend's environment variables. Throws a message naming the variable
 * and saying what it should be; an empty value counts as unset.
 */
export function readBackendSettings(
  env: Record<string, string | undefined> = process.env,
): BackendSettings {
  const raw = env[ACCESS_TOKEN_LIFETIME]?.trim() || undefined
  const lifetime = lifetimeSchema.safeParse(raw)
  if (!lifetime.success) {
    throw new Error(
      `${ACCESS_TOKEN_LIFETIME} is "${raw}": set it to a whole number of seconds from 10 to 3600, or unset it for the default, 300.`,
    )
  }
  return { accessTokenLifetimeSeconds: lifetime.data }
}
