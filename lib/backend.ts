import type { Backend } from '@/demo-backend/core/create-backend'
import { createBackend } from '@/demo-backend/core/create-backend'
import type { BackendEnv } from '@/lib/env'

// why: Next.js re-evaluates modules on every hot reload in development; keeping the backend
// on globalThis stops each reload from opening another database connection.
const globalForBackend = globalThis as typeof globalThis & { handbookBackend?: Promise<Backend> }

/**
 * The demo backend of this process, created on first use from the validated environment.
 * If the database cannot be reached, the failure is not cached: the next call tries again,
 * so the service recovers by itself once the database is back.
 */
export function getBackend(env: BackendEnv): Promise<Backend> {
  globalForBackend.handbookBackend ??= createBackend({
    databaseUrl: env.DATABASE_URL,
    jwtSecret: env.BACKEND_JWT_SECRET,
    accessTokenLifetimeSeconds: env.ACCESS_TOKEN_LIFETIME_SECONDS,
    signupAccountLifetimeHours: env.SIGNUP_ACCOUNT_LIFETIME_HOURS,
  }).catch((error: unknown) => {
    globalForBackend.handbookBackend = undefined
    throw error
  })
  return globalForBackend.handbookBackend
}
