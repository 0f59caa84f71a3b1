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

test('on the site’s own origin the bundler does not exist, however its path is spelled', async ({
  baseURL,
}) => {
  // Sent as written: Node's client does not normalise the percent-encoding.
  for (const path of [
    '/%73andpack/index.html',
    '/%73%61%6e%64%70%61%63%6b/index.html',
    '/%73%61%6E%64%70%61%63%6B%2Fversion.txt',
    '/sandpack%2Fversion.txt',
    '/sandpack%2findex.html',
    '/sandpac%6b/sandpack-client-version.txt',
  ]) {
    const answer = await getAs(baseURL ?? '', 'localhost', path)
    expect(answer.status, path).toBe(404)
    expect(answer.body, path).not.toContain('/static/js/sandbox.')
  }
})

test('the bundler’s host answers `/` with the bundler, never with the site’s home page', async ({
  baseURL,
}) => {
  const root = await getAs(baseURL ?? '', 'sandpack.localhost', '/')
  expect(root.status).toBe(200)
  expect(root.body).toContain('/static/js/sandbox.')
  expect(String(root.headers['content-security-policy'])).toContain(
    'frame-ancestors http://localhost:*',
  )
  expect(root.body).not.toContain('Credentials')
})

test('a page that opens the bundler in a popup keeps no handle to it', async ({
  page,
  baseURL,
}) => {
  const port = new URL(baseURL ?? '').port
  const bundlerPage = `http://sandpack.localhost:${port}/version.txt`
  const answer = await getAs(baseURL ?? '', 'sandpack.localhost', '/version.txt')
  expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin')
  // why: any other page would do; the site's own is at hand. Without the header, the opener
  // could post work to the bundler through this handle.
  await page.goto('/guide/how-it-works')
  const popupOpened = page.context().waitForEvent('page')
  const handle = await page.evaluateHandle((url) => window.open(url), bundlerPage)
  const popup = await popupOpened
  await popup.waitForLoadState()
  await expect.poll(() => handle.evaluate((opened) => opened?.closed)).toBe(true)
  expect(await popup.evaluate(() => window.opener === null)).toBe(true)
})

test('a page on the bundler’s host cannot set a cookie for the site (localhost is host-only)', async ({
  page,
  baseURL,
}) => {
  // why: lib/env.ts lets the default sandpack.localhost run beside a localhost site because
  // of this: localhost is a site of its own, and browsers refuse its subdomains' cookies.
  const port = new URL(baseURL ?? '').port
  await page.goto(`http://sandpack.localhost:${port}/version.txt`)
  await page.evaluate(() => {
    document.cookie = 'planted=1; Domain=localhost; Path=/'
    document.cookie = 'planted-dot=1; Domain=.localhost; Path=/'
  })
  const siteCookies = await page.context().cookies(baseURL ?? '')
  expect(siteCookies.map((cookie) => cookie.name)).not.toContain('planted')
  expect(siteCookies.map((cookie) => cookie.name)).not.toContain('planted-dot')
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
