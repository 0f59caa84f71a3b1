import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'

const CLIENT_DIR = join(process.cwd(), 'node_modules', '@codesandbox', 'sandpack-client')

/** A GET to the site's server as if addressed to `host` (Node does not resolve *.localhost). */
function getAs(baseURL: string, host: string, path: string) {
  const { port } = new URL(baseURL)
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, path, headers: { host: `${host}:${port}` } },
        (response) => {
          let body = ''
          response.on('data', (chunk: Buffer) => (body += chunk.toString()))
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
          )
        },
      )
      request.on('error', reject).end()
    },
  )
}

test('the bundler is served on sandpack.<host>, framable by the site only, with limited fetches', async ({
  baseURL,
}) => {
  const page = await getAs(baseURL ?? '', 'sandpack.localhost', '/index.html')
  expect(page.status).toBe(200)
  expect(page.body).toContain('/static/js/sandbox.')
  const policy = String(page.headers['content-security-policy'])
  expect(policy).toContain('frame-ancestors http://localhost:*')
  expect(policy).toMatch(/connect-src 'self' https:\/\/prod-packager-packages\.codesandbox\.io /)
  expect(page.headers['x-frame-options']).toBeUndefined()

  const script = await getAs(
    baseURL ?? '',
    'sandpack.localhost',
    '/static/browserfs12/browserfs.min.js',
  )
  expect(script.status).toBe(200)
  expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable')
})

test('the bundler served is the one shipped with the installed Sandpack client', async ({
  baseURL,
}) => {
  const installed = JSON.parse(readFileSync(join(CLIENT_DIR, 'package.json'), 'utf8')) as {
    version: string
  }
  const stamp = await getAs(baseURL ?? '', 'sandpack.localhost', '/sandpack-client-version.txt')
  expect(stamp.body.trim()).toBe(installed.version)
  const version = await getAs(baseURL ?? '', 'sandpack.localhost', '/version.txt')
  expect(version.body).toBe(readFileSync(join(CLIENT_DIR, 'sandpack', 'version.txt'), 'utf8'))
})

test('on the site’s own origin the bundler does not exist', async ({ request }) => {
  // Served there, it would run posted code next to the site's cookies.
  for (const path of ['/sandpack/index.html', '/sandpack/version.txt', '/sandpack/static/js/']) {
    expect((await request.get(path)).status(), path).toBe(404)
  }
})

test('site pages may frame the bundler’s origin and post forks to CodeSandbox, nothing more', async ({
  request,
}) => {
  const policy = (await request.get('/guide/sign-in-form')).headers()['content-security-policy']
  const directives = (policy ?? '').split(';').map((directive) => directive.trim())
  expect(directives).toContain('frame-src http://sandpack.localhost:*')
  expect(directives).toContain("form-action 'self' https://codesandbox.io")
  expect(directives).toContain("frame-ancestors 'none'")
})
