import { describe, expect, it } from 'vitest'

import { errorResponseSchema } from '@/demo-backend/contract'
import { ERROR_MESSAGES } from '@/demo-backend/errors'
import type { BackendHttpRequest } from '@/demo-backend/http/handle-request'
import { handleBackendRequest } from '@/demo-backend/http/handle-request'

import { PASSWORD, useBackendHarness } from './harness'

const request = (route: string, body: string): BackendHttpRequest => ({
  route,
  method: 'POST',
  contentType: 'application/json',
  authorization: undefined,
  body,
  ip: '192.0.2.10',
})

describe('invalid_input names the field at fault (SQLite)', () => {
  const harness = useBackendHarness('sqlite')

  const answer = async (route: string, body: unknown) => {
    const backend = await harness.start()
    const raw = typeof body === 'string' ? body : JSON.stringify(body)
    return handleBackendRequest(() => Promise.resolve(backend), request(route, raw))
  }

  const cases: [string, string, unknown, string | undefined][] = [
    [
      'a 500-character name',
      'signup',
      { email: 'a@example.com', password: PASSWORD, name: 'n'.repeat(500) },
      'name',
    ],
    [
      'a 14-character password',
      'signup',
      { email: 'a@example.com', password: 'x'.repeat(14) },
      'password',
    ],
    [
      'a commonly used password',
      'signup',
      { email: 'a@example.com', password: 'passwordpassword' },
      'password',
    ],
    [
      'an email without a domain',
      'signup',
      { email: 'reader@', password: PASSWORD, name: 'n'.repeat(500) },
      'email',
    ],
    [
      'a 257-character log-in password',
      'login',
      { email: 'a@example.com', password: 'x'.repeat(257) },
      'password',
    ],
    [
      'an extra key',
      'signup',
      { email: 'a@example.com', password: PASSWORD, role: 'admin' },
      undefined,
    ],
    ['a body that is not JSON', 'signup', '{"email":', undefined],
  ]

  for (const [what, route, body, field] of cases) {
    it(`answers ${what} with 400 invalid_input and field ${field ?? 'absent'}`, async () => {
      const response = await answer(route, body)
      expect(response.status).toBe(400)
      expect(response.body).toStrictEqual({
        error: {
          code: 'invalid_input',
          message: ERROR_MESSAGES.invalid_input,
          ...(field === undefined ? {} : { field }),
        },
      })
      expect(errorResponseSchema.safeParse(response.body).success).toBe(true)
    })
  }
})
