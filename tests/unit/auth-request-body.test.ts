import { Readable } from 'node:stream'

import { describe, expect, it } from 'vitest'

import { MAX_AUTH_BODY_BYTES, readAuthBody } from '@/lib/auth/request-body'

const request = (body: string, contentType?: string) =>
  Object.assign(Readable.from([Buffer.from(body)]), {
    headers: contentType ? { 'content-type': contentType } : {},
  })

describe('readAuthBody', () => {
  it('parses a sign-in form as NextAuth expects it, one string per field', async () => {
    const read = await readAuthBody(
      request('csrfToken=abc&email=a%40example.com&json=true', 'application/x-www-form-urlencoded'),
    )
    expect(read).toEqual({
      ok: true,
      body: { csrfToken: 'abc', email: 'a@example.com', json: 'true' },
    })
  })

  it('parses a JSON object, and an empty JSON body as an empty object', async () => {
    expect(await readAuthBody(request('{"data":{"x":1}}', 'application/json'))).toEqual({
      ok: true,
      body: { data: { x: 1 } },
    })
    expect(await readAuthBody(request('', 'application/json; charset=utf-8'))).toEqual({
      ok: true,
      body: {},
    })
  })

  it('refuses broken JSON and JSON that is not an object', async () => {
    for (const body of ['{"data":', '[1,2]', '42', 'null']) {
      expect(await readAuthBody(request(body, 'application/json'))).toEqual({
        ok: false,
        code: 'invalid_body',
      })
    }
  })

  it('keeps any other body as text, as Next.js does', async () => {
    expect(await readAuthBody(request('hello'))).toEqual({ ok: true, body: 'hello' })
  })

  it('accepts a body of exactly the limit and refuses one byte more', async () => {
    const form = (bytes: number) => `padding=${'p'.repeat(bytes - 'padding='.length)}`
    const type = 'application/x-www-form-urlencoded'
    expect((await readAuthBody(request(form(MAX_AUTH_BODY_BYTES), type))).ok).toBe(true)
    expect(await readAuthBody(request(form(MAX_AUTH_BODY_BYTES + 1), type))).toEqual({
      ok: false,
      code: 'payload_too_large',
    })
  })
})
