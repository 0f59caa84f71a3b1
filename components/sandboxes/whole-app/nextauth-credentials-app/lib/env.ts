import { z } from 'zod'

/** What to do about each variable, printed when it is missing or wrong. */
const FIXES = {
  NEXTAUTH_SECRET:
    'Generate one with `openssl rand -base64 32` and put NEXTAUTH_SECRET=<that value> in .env.local (or in your host’s environment variables).',
  NEXTAUTH_URL: 'Set it to the URL the app is served at, e.g. http://localhost:3000.',
  BACKEND_URL: 'Set it to the base URL of your backend, e.g. http://localhost:4000, or unset it.',
} as const

const urlsSchema = z.object({
  NEXTAUTH_URL: z.url({ error: 'is not a URL' }).default('http://localhost:3000'),
  BACKEND_URL: z.url({ error: 'is not a URL' }).optional(),
})

const envSchema = urlsSchema.extend({
  NEXTAUTH_SECRET: z
    .string({ error: 'is not set' })
    .min(32, 'is too short: use at least 32 characters'),
})

export type Env = { NEXTAUTH_SECRET: string; NEXTAUTH_URL: string; BACKEND_URL: string }

function parse<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>) {
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value?.trim()))
  const result = schema.safeParse(set)
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0]) as keyof typeof FIXES
      return `  - ${name} ${issue.message}. ${FIXES[name]}`
    })
    throw new Error(`The app cannot start:\n${problems.join('\n')}`)
  }
  return result.data as z.output<S>
}

/**
 * Where the backend lives. By default it is this app's own API route, reached over HTTP like
 * any other. Needs no secret, so `next build` can load the modules that call it.
 */
export function backendUrl(source: Record<string, string | undefined> = process.env): string {
  const { NEXTAUTH_URL, BACKEND_URL } = parse(urlsSchema, source)
  return (BACKEND_URL ?? `${NEXTAUTH_URL.replace(/\/$/, '')}/api/backend`).replace(/\/$/, '')
}

/**
 * The app's whole configuration, validated: instrumentation.ts calls it when the server starts.
 * Throws one message naming every variable that is wrong and how to fix it: the app never runs
 * with a made-up secret. Empty values count as unset, so a copied `.env.example` that was not
 * filled in is reported too.
 */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const env = parse(envSchema, source)
  return { ...env, BACKEND_URL: backendUrl(source) }
}
