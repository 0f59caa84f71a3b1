import { z } from 'zod'

/**
 * The site's configuration, read from the environment once and validated with zod.
 *
 * Every variable of the configuration table in the README is here, with its default. A value
 * that is missing or malformed stops the server with a message that names the variable and says
 * how to fix it: the site never falls back to a made-up secret.
 */

const SECRET_MIN_LENGTH = 32

const HOW_TO_FIX = {
  NEXTAUTH_URL: 'Set it to the canonical URL of the site, e.g. http://localhost:3000.',
  NEXTAUTH_SECRET:
    'Run `npm run secret` and put the value in .env.local (development) or in the environment (production). `npm run dev` and `npm start` generate one into .env.local when they can.',
  DATABASE_URL:
    'Use file:<path> for SQLite (the default is file:.data/handbook.sqlite) or postgres://user@host:port/database for PostgreSQL.',
  BACKEND_URL:
    'Point it at a server that keeps the backend contract, e.g. http://localhost:4000, or unset it to use the site’s own /api/backend.',
  BACKEND_JWT_SECRET:
    'Run `npm run secret` and put the value in .env.local (development) or in the environment (production). It must differ from NEXTAUTH_SECRET.',
  SANDPACK_BUNDLER_URL:
    'Set it to the origin that serves the Sandpack bundler, on a registrable domain of its own (e.g. https://example-sandboxes.net for a site at https://handbook.example.com; README, Sandboxes), or unset it on localhost.',
  ACCESS_TOKEN_LIFETIME_SECONDS:
    'Set a whole number of seconds between 10 and 3600 for the backend’s access tokens (default 300).',
  SIGNUP_ACCOUNT_LIFETIME_HOURS:
    'Set how many hours accounts made through the public sign-up live before they are purged (default 24).',
  TRUST_PROXY_HOPS:
    'Set the number of reverse proxies in front of the site that append to X-Forwarded-For (default 0: the header is ignored).',
  BACKEND_PORT: 'Set the port of the standalone backend (`npm run backend`), default 4000.',
} as const

export type EnvName = keyof typeof HOW_TO_FIX

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''))

const secret = z
  .string({ error: 'is not set' })
  .min(SECRET_MIN_LENGTH, `must be at least ${SECRET_MIN_LENGTH} characters long`)

const databaseUrl = z
  .string()
  .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, 'must start with file: or postgres://')

const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback)

/** What the demo backend needs; the standalone backend server reads only this part. */
const backendEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: databaseUrl.default('file:.data/handbook.sqlite'),
  BACKEND_JWT_SECRET: secret,
  ACCESS_TOKEN_LIFETIME_SECONDS: wholeNumber(10, 3600, 300),
  SIGNUP_ACCOUNT_LIFETIME_HOURS: wholeNumber(1, 24 * 30, 24),
  TRUST_PROXY_HOPS: wholeNumber(0, 10, 0),
  BACKEND_PORT: wholeNumber(1, 65535, 4000),
})

const envSchemaBase = backendEnvSchema.extend({
  NEXTAUTH_URL: httpUrl.default('http://localhost:3000'),
  NEXTAUTH_SECRET: secret,
  BACKEND_URL: httpUrl.optional(),
  SANDPACK_BUNDLER_URL: httpUrl.optional(),
})

const envSchema = envSchemaBase
  .refine((env) => env.NEXTAUTH_SECRET !== env.BACKEND_JWT_SECRET, {
    path: ['BACKEND_JWT_SECRET'],
    error: 'must not equal NEXTAUTH_SECRET',
  })
  .superRefine((env, context) => {
    // why: in production, reader-run code next to the site is refused, not merely reported.
    const problem = env.NODE_ENV === 'production' ? sandboxOriginProblem(env) : null
    if (problem)
      context.addIssue({ code: 'custom', path: ['SANDPACK_BUNDLER_URL'], message: problem })
  })
  .transform((env) => ({
    ...env,
    // why: by default the site is its own backend, reached over HTTP like any other.
    BACKEND_URL: env.BACKEND_URL ?? `${env.NEXTAUTH_URL}/api/backend`,
  }))

/**
 * The site of a host: its registrable domain, approximated by its last two labels, or the host
 * itself when it is an IP address.
 * why approximated: no public-suffix list ships with the site. Under a suffix of two labels
 * (co.uk, github.io) two unrelated hosts count as one site, so the check below errs towards
 * refusing; the README says to give the bundler a domain under another suffix then.
 * On localhost the rule is exact: `localhost` is a suffix of its own, so sandpack.localhost and
 * localhost are two sites, and browsers refuse a cookie that sandpack.localhost sets for
 * localhost (tests/e2e/sandboxes/bundler-origin.spec.ts tries it).
 */
function siteOf(hostname: string): string {
  if (/^[\d.]+$/.test(hostname) || hostname.includes(':')) return hostname
  return hostname.split('.').slice(-2).join('.')
}

/**
 * Why the sandboxes' bundler must not run where it is configured, or null. The bundler runs
 * readers' code; on the site's own registrable domain (its default, sandpack.<site host>, is
 * one) that code is same-site: it can set cookies for the parent domain, flooding or planting
 * them, and its requests to the site carry the reader's SameSite=Lax cookies.
 */
export function sandboxOriginProblem(
  env: Pick<z.output<typeof envSchemaBase>, 'NEXTAUTH_URL' | 'SANDPACK_BUNDLER_URL'>,
): string | null {
  const site = new URL(env.NEXTAUTH_URL).hostname
  const bundler = env.SANDPACK_BUNDLER_URL
    ? new URL(env.SANDPACK_BUNDLER_URL).hostname
    : // why: the client puts an IP-addressed site's bundler on sandpack.localhost.
      /^[\d.]+$/.test(site) || site.includes(':')
      ? 'sandpack.localhost'
      : `sandpack.${site}`
  if (siteOf(bundler) !== siteOf(site)) return null
  const setting = env.SANDPACK_BUNDLER_URL ? 'puts' : 'is not set, which puts'
  return (
    `${setting} the sandboxes' bundler, which runs readers' code, on ${bundler}: the same site as ` +
    `${site} (${siteOf(site)}), where that code could set the site's cookies`
  )
}

/** What is allowed but unsafe outside development: printed once by `getEnv`. */
export function envWarnings(env: Env): string[] {
  const problem = sandboxOriginProblem(env)
  return problem ? [`SANDPACK_BUNDLER_URL ${problem}. ${HOW_TO_FIX.SANDPACK_BUNDLER_URL}`] : []
}

export type Env = z.infer<typeof envSchema>
export type BackendEnv = z.infer<typeof backendEnvSchema>

/** Thrown when the environment is unusable; its message lists every problem and its fix. */
export class InvalidEnvError extends Error {
  readonly code = 'INVALID_ENV'

  constructor(readonly problems: string[]) {
    super(`The site's configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'InvalidEnvError'
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = String(issue.path[0] ?? 'environment')
  const fix = name in HOW_TO_FIX ? ` ${HOW_TO_FIX[name as EnvName]}` : ''
  return `${name} ${issue.message}.${fix}`
}

/**
 * Validates a set of environment variables. Pure: tests pass their own object.
 * Empty strings count as unset, as they do in most deployment dashboards.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseWith(envSchema, source)
}

/** Validates only what the backend needs (for the standalone backend server). */
export function parseBackendEnv(source: Record<string, string | undefined>): BackendEnv {
  return parseWith(backendEnvSchema, source)
}

function parseWith<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined>,
): z.output<S> {
  const withoutBlanks = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''),
  )
  const result = schema.safeParse(withoutBlanks)
  if (!result.success) throw new InvalidEnvError(result.error.issues.map(describeIssue))
  return result.data
}

let cached: Env | undefined

/** The validated environment of this process, parsed on first use. */
export function getEnv(): Env {
  if (!cached) {
    cached = parseEnv(process.env)
    for (const warning of envWarnings(cached)) console.warn(`[env] ${warning}`)
  }
  return cached
}
