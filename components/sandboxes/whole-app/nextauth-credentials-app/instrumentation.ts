/**
 * Next.js runs `register()` once, when the server starts. Reading the configuration here stops
 * `next dev` and `next start` at once when NEXTAUTH_SECRET is missing (or the stand-in backend's
 * setting is wrong), with a message naming the variable, instead of failing on the first sign-in.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { readEnv } = await import('./lib/env')
  const { readBackendSettings } = await import('./backend/settings')
  try {
    readEnv()
    readBackendSettings()
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    // why: without its secret the server could only answer 500s; exiting makes the cause plain.
    process.exit(1)
  }
}
