import { describe, expect, it } from 'vitest'

import {
  createAuthLogger,
  createThrownErrorLogger,
  LOG_LINES_PER_WINDOW,
  LOG_WINDOW_MS,
} from '@/lib/auth/logger'

function setup() {
  const lines: string[] = []
  let time = 0
  const logger = createAuthLogger(
    (line) => lines.push(line),
    () => time,
  )
  return { lines, logger, advance: (ms: number) => (time += ms) }
}

describe('createAuthLogger', () => {
  it('logs an error as one line with its code and a short message, never a stack trace', () => {
    const { lines, logger } = setup()
    const error = new Error('decryption operation failed\n    at decrypt (jwe.js:1:1)')
    logger.error('JWT_SESSION_ERROR', error)
    expect(lines).toEqual([
      '[next-auth] JWT_SESSION_ERROR: decryption operation failed at decrypt (jwe.js:1:1)',
    ])
    expect(lines[0]).not.toContain('\n')
  })

  it('keeps a burst of one code to a few lines a minute, then says how many it dropped', () => {
    const { lines, logger, advance } = setup()
    for (let i = 0; i < 500; i++) logger.error('JWT_SESSION_ERROR', new Error('bad cookie'))
    expect(lines).toHaveLength(LOG_LINES_PER_WINDOW)
    advance(LOG_WINDOW_MS)
    logger.error('JWT_SESSION_ERROR', new Error('bad cookie'))
    expect(lines.at(-2)).toBe(
      `[next-auth] JWT_SESSION_ERROR: ${500 - LOG_LINES_PER_WINDOW} more in the last minute`,
    )
    expect(lines).toHaveLength(LOG_LINES_PER_WINDOW + 2)
  })

  it('throttles each code on its own', () => {
    const { lines, logger } = setup()
    for (let i = 0; i < 50; i++) logger.error('JWT_SESSION_ERROR', new Error('x'))
    logger.error('NO_SECRET', new Error('Please define a `secret` in production.'))
    expect(lines.at(-1)).toBe('[next-auth] NO_SECRET: Please define a `secret` in production.')
  })
})

describe('createThrownErrorLogger', () => {
  it('logs what NextAuth throws as one line under its code, a few a minute, never a stack', () => {
    const lines: string[] = []
    const logThrown = createThrownErrorLogger(
      (line) => lines.push(line),
      () => 0,
    )
    const error = Object.assign(new TypeError('Invalid character in header content ["Location"]'), {
      code: 'ERR_INVALID_CHAR',
    })
    for (let i = 0; i < 200; i++) logThrown(error)
    expect(lines).toHaveLength(LOG_LINES_PER_WINDOW)
    expect(lines[0]).toBe(
      '[next-auth] thrown ERR_INVALID_CHAR: Invalid character in header content ["Location"]',
    )
    for (const line of lines) expect(line).not.toContain('\n')
  })
})
