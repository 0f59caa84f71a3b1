import { describe, expect, it } from 'vitest'

import {
  loginRequestSchema,
  logoutRequestSchema,
  refreshRequestSchema,
  signupRequestSchema,
} from '@/demo-backend/contract'

const EMAIL = 'reader@example.com'
const accepts = (schema: { safeParse(body: unknown): { success: boolean } }, body: unknown) =>
  schema.safeParse(body).success

const signupWithPassword = (password: string) =>
  accepts(signupRequestSchema, { email: EMAIL, password })

describe('signupRequestSchema', () => {
  it('refuses a new password of 14 characters and accepts one of 15', () => {
    expect(signupWithPassword('x'.repeat(14))).toBe(false)
    expect(signupWithPassword('x'.repeat(15))).toBe(true)
  })

  it('accepts a new password of 256 characters and refuses one of 257', () => {
    expect(signupWithPassword('x'.repeat(256))).toBe(true)
    expect(signupWithPassword('x'.repeat(257))).toBe(false)
  })

  it('counts a password in characters (code points), not UTF-16 units', () => {
    // why: each emoji is two UTF-16 units; counting units would accept 14 and refuse 256.
    expect(signupWithPassword('😀'.repeat(14))).toBe(false)
    expect(signupWithPassword('😀'.repeat(15))).toBe(true)
    expect(signupWithPassword('😀'.repeat(256))).toBe(true)
    expect(signupWithPassword('😀'.repeat(257))).toBe(false)
  })

  it('normalises the email (NFKC, trimmed, lower-cased) and trims the name', () => {
    const parsed = signupRequestSchema.parse({
      email: ' Ａlice@Example.COM ',
      password: 'x'.repeat(15),
      name: '  Alice  ',
    })
    expect(parsed.email).toBe('alice@example.com')
    expect(parsed.name).toBe('Alice')
  })

  it('refuses keys the contract does not name', () => {
    expect(accepts(signupRequestSchema, { email: EMAIL, password: 'x'.repeat(15) })).toBe(true)
    expect(
      accepts(signupRequestSchema, { email: EMAIL, password: 'x'.repeat(15), role: 'admin' }),
    ).toBe(false)
  })

  it('refuses a name that is empty once trimmed, or longer than 100 characters', () => {
    const withName = (name: string) =>
      accepts(signupRequestSchema, { email: EMAIL, password: 'x'.repeat(15), name })
    expect(withName('é'.repeat(100))).toBe(true)
    expect(withName('é'.repeat(101))).toBe(false)
    expect(withName('   ')).toBe(false)
  })
})

describe('control characters', () => {
  const CONTROL_CHARACTERS = ['\u0000', '\u0007', '\n', '\u001b', '\u007f', '\u0085']
  const valid = { email: EMAIL, password: 'x'.repeat(20), name: 'Reader' }
  const cases = [
    { schema: signupRequestSchema, body: valid, fields: ['email', 'password', 'name'] },
    {
      schema: loginRequestSchema,
      body: { email: EMAIL, password: 'xxxx' },
      fields: ['email', 'password'],
    },
    { schema: refreshRequestSchema, body: { refreshToken: 'token' }, fields: ['refreshToken'] },
    { schema: logoutRequestSchema, body: { refreshToken: 'token' }, fields: ['refreshToken'] },
  ]

  it('are refused in every field of every request', () => {
    for (const { schema, body, fields } of cases) {
      expect(accepts(schema, body)).toBe(true)
      for (const field of fields) {
        for (const character of CONTROL_CHARACTERS) {
          const value = (body as Record<string, string>)[field]
          // why: put the character in the middle, where trimming cannot remove it.
          const poisoned = {
            ...body,
            [field]: `${value?.slice(0, 2)}${character}${value?.slice(2)}`,
          }
          expect(
            accepts(schema, poisoned),
            `${field} with U+${character.charCodeAt(0).toString(16)}`,
          ).toBe(false)
        }
      }
    }
  })
})

describe('loginRequestSchema', () => {
  it('accepts any password of 1 to 256 characters, so a short one gets the generic answer', () => {
    expect(accepts(loginRequestSchema, { email: EMAIL, password: 'x' })).toBe(true)
    expect(accepts(loginRequestSchema, { email: EMAIL, password: '' })).toBe(false)
    expect(accepts(loginRequestSchema, { email: EMAIL, password: 'x'.repeat(257) })).toBe(false)
  })

  it('refuses keys the contract does not name', () => {
    expect(accepts(loginRequestSchema, { email: EMAIL, password: 'x', remember: true })).toBe(false)
  })

  it('accepts SQL-looking text as plain data', () => {
    const password = "' OR '1'='1' --; DROP TABLE users;"
    expect(loginRequestSchema.parse({ email: "o'brien@example.com", password })).toEqual({
      email: "o'brien@example.com",
      password,
    })
  })
})

describe('refreshRequestSchema', () => {
  it('refuses an empty token and keys the contract does not name', () => {
    expect(accepts(refreshRequestSchema, { refreshToken: '' })).toBe(false)
    expect(accepts(refreshRequestSchema, { refreshToken: 'token', userId: '1' })).toBe(false)
  })
})
