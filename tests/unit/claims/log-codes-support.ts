import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'
import { format } from 'node:util'

import type { AuthOptions } from 'next-auth'
import NextAuth from 'next-auth/next'
import type * as NextAuthReact from 'next-auth/react'
import { expect, vi } from 'vitest'

import { setEnv } from './next-auth-harness'

const CHAPTER = 'pages/guide/log-codes.mdx'

/**
 * Records what NextAuth's default logger prints, each call as the terminal shows it
 * (`util.format` of its arguments, as `console` does), and silences it.
 */
export function capturePrinted() {
  const printed = { error: [] as string[], warn: [] as string[], log: [] as string[] }
  const spies = (Object.keys(printed) as (keyof typeof printed)[]).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed[level].push(format(...args))
    }),
  )
  const codeOf = (line: string) => /^\[next-auth\]\[\w+\]\[(\w+)\]/.exec(line)?.[1]
  return {
    errors: () => printed.error,
    warnings: () => printed.warn,
    /** The codes of the errors printed so far, in order. */
    errorCodes: () => printed.error.map(codeOf),
    warningCodes: () => printed.warn.map(codeOf),
    /** The whole text of the first error printed with `code`. */
    error: (code: string) => printed.error.find((text) => codeOf(text) === code) ?? '',
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  }
}

/** The `text` blocks of the chapter, each as its lines. */
export function chapterLogBlocks(): string[][] {
  const source = readFileSync(CHAPTER, 'utf8')
  return [...source.matchAll(/^```text\n([\s\S]*?)^```$/gm)].map((match) =>
    (match[1] ?? '').trimEnd().split('\n'),
  )
}

/** Fails unless `printed` starts with the lines of the chapter's log block for its code. */
export function expectShownInChapter(printed: string): void {
  const firstLine = printed.split('\n')[0]?.trimEnd()
  const block = chapterLogBlocks().find((lines) => lines[0] === firstLine)
  if (!block) expect.fail(`${CHAPTER} has no log block starting with ${firstLine}`)
  const lines = printed.split('\n').map((line) => line.trimEnd())
  expect(lines.slice(0, block.length)).toEqual(block)
}

/**
 * A request through next-auth/next's real pages-router handler, `NextAuth(req, res, options)`,
 * with the catch-all parameters in `query` as Next.js fills them in for the route's file name.
 */
export async function callPagesRoute(query: Record<string, unknown>, options: AuthOptions) {
  const answer = { status: 200, body: undefined as unknown, headers: new Map<string, unknown>() }
  const res = {
    status: (status: number) => ((answer.status = status), res),
    setHeader: (name: string, value: unknown) => answer.headers.set(name.toLowerCase(), value),
    getHeader: (name: string) => answer.headers.get(name.toLowerCase()),
    send: (body: unknown) => void (answer.body = body),
    json: (body: unknown) => void (answer.body = body),
    end: () => {},
  }
  const req = { query, method: 'GET', cookies: {}, headers: { host: 'localhost:3000' } }
  // why: the handler reads only these members of Next's request and response.
  await NextAuth(req as never, res as never, { ...options })
  return answer
}

type ClientModule = typeof NextAuthReact

/**
 * A copy of next-auth/react loaded now, under `env`: it reads NEXTAUTH_URL and
 * NEXTAUTH_URL_INTERNAL once, when it is loaded, and decides then whether it runs in a browser.
 */
export function loadClient(env: Record<string, string | undefined>): ClientModule {
  const requireHere = createRequire(import.meta.url)
  const root = dirname(requireHere.resolve('next-auth'))
  for (const key of Object.keys(requireHere.cache)) {
    if (key.startsWith(root + sep)) delete requireHere.cache[key]
  }
  const restore = setEnv(env)
  try {
    return requireHere(join(root, 'react', 'index.js')) as ClientModule
  } finally {
    restore()
  }
}
