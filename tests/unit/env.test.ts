import { describe, expect, it } from 'vitest'

import { envWarnings, InvalidEnvError, parseEnv } from '@/lib/env'

const SECRET_A = 'a'.repeat(43)
const SECRET_B = 'b'.repeat(43)
const minimal = { NEXTAUTH_SECRET: SECRET_A, BACKEND_JWT_SECRET: SECRET_B }

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source)
  } catch (error) {
    if (error instanceof InvalidEnvError) return error.problems
    throw error
  }
  throw new Error('expected the environment to be rejected')
}

describe('parseEnv', () => {
  it('fills every default when only the two secrets are set', () => {
    const env = parseEnv(minimal)
    expect(env.NEXTAUTH_URL).toBe('http://localhost:3000')
    expect(env.DATABASE_URL).toBe('file:.data/handbook.sqlite')
    expect(env.BACKEND_URL).toBe('http://localhost:3000/api/backend')
    expect(env.SANDPACK_BUNDLER_URL).toBeUndefined()
  })

  it('derives the default backend from NEXTAUTH_URL, without a doubled slash', () => {
    const env = parseEnv({ ...minimal, NEXTAUTH_URL: 'https://handbook.example.com/' })
    expect(env.BACKEND_URL).toBe('https://handbook.example.com/api/backend')
  })

  it('accepts a PostgreSQL URL and an outside backend', () => {
    const env = parseEnv({
      ...minimal,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      BACKEND_URL: 'http://127.0.0.1:4000',
    })
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/test')
    expect(env.BACKEND_URL).toBe('http://127.0.0.1:4000')
  })

  it('names a missing secret and says how to make one', () => {
    const [problem, ...rest] = problemsOf({ BACKEND_JWT_SECRET: SECRET_B })
    expect(rest).toEqual([])
    expect(problem).toMatch(/^NEXTAUTH_SECRET is not set\..*npm run secret/)
  })

  it('treats a blank secret as missing', () => {
    expect(problemsOf({ ...minimal, NEXTAUTH_SECRET: '   ' })[0]).toMatch(/^NEXTAUTH_SECRET /)
  })

  it('refuses a secret too short to resist guessing', () => {
    expect(problemsOf({ ...minimal, NEXTAUTH_SECRET: 'looselipssinkships' })[0]).toMatch(
      /^NEXTAUTH_SECRET must be at least 32 characters long/,
    )
  })

  it('refuses to reuse the NextAuth secret as the backend signing key', () => {
    expect(problemsOf({ ...minimal, BACKEND_JWT_SECRET: SECRET_A })[0]).toMatch(
      /^BACKEND_JWT_SECRET must not equal NEXTAUTH_SECRET/,
    )
  })

  it('lists every problem at once, each with its fix', () => {
    const problems = problemsOf({ NEXTAUTH_URL: 'localhost:3000', DATABASE_URL: 'mysql://x' })
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'BACKEND_JWT_SECRET',
      'DATABASE_URL',
      'NEXTAUTH_SECRET',
      'NEXTAUTH_URL',
    ])
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('file:<path>')
  })
})

describe('where the sandboxes’ bundler may run', () => {
  const production = { ...minimal, NODE_ENV: 'production' }
  const site = { NEXTAUTH_URL: 'https://handbook.example.com' }

  it('refuses, in production, a bundler on the site’s own registrable domain, naming the variable', () => {
    for (const bundler of [
      'https://sandpack.example.com',
      'https://sandpack.handbook.example.com',
      'https://handbook.example.com:8443',
      'https://example.com',
    ]) {
      const [problem, ...rest] = problemsOf({
        ...production,
        ...site,
        SANDPACK_BUNDLER_URL: bundler,
      })
      expect(rest, bundler).toEqual([])
      expect(problem, bundler).toMatch(/^SANDPACK_BUNDLER_URL puts the sandboxes' bundler/)
      expect(problem, bundler).toContain('registrable domain of its own')
    }
  })

  it('refuses, in production, the default sandpack.<host> of a site on a real domain', () => {
    expect(problemsOf({ ...production, ...site })[0]).toMatch(
      /^SANDPACK_BUNDLER_URL is not set, which puts the sandboxes' bundler, which runs readers' code, on sandpack\.handbook\.example\.com/,
    )
  })

  it('accepts a bundler on a registrable domain of its own', () => {
    const env = parseEnv({
      ...production,
      ...site,
      SANDPACK_BUNDLER_URL: 'https://example-sandboxes.net',
    })
    expect(env.SANDPACK_BUNDLER_URL).toBe('https://example-sandboxes.net')
    expect(envWarnings(env)).toEqual([])
  })

  it('accepts the default on localhost, where sandpack.localhost is another site', () => {
    for (const url of [
      'http://localhost:3000',
      'https://localhost:4443',
      'http://127.0.0.1:3000',
    ]) {
      const env = parseEnv({ ...production, NEXTAUTH_URL: url })
      expect(envWarnings(env), url).toEqual([])
    }
  })

  it('only warns outside production', () => {
    const env = parseEnv({ ...minimal, ...site, NODE_ENV: 'development' })
    const [warning] = envWarnings(env)
    expect(warning).toMatch(/^SANDPACK_BUNDLER_URL is not set, which puts/)
  })
})
