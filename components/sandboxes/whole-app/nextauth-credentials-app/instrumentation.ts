/**
 * Next.js runs `register()` once, when the server starts. Reading the configuration here stops
 * `next dev` and `next start` at once when NEXTAUTH_SECRET is missing, with the message from
 * lib/env.ts, instead of failing later on the first sign-in.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { readEnv } = await import('./lib/env')
  try {
    readEnv()
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    // why: without its secret the server could only answer 500s; exiting makes the cause plain.
    process.exit(1)
  }
}
