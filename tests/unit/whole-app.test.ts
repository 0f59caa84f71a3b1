import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { decompressFromBase64 } from 'lz-string'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  DownloadWholeApp,
  WHOLE_APP_ZIP_URL,
} from '@/components/sandboxes/whole-app/download-whole-app'
import { createDefineParameters, DEFINE_API_URL } from '@/components/sandboxes/whole-app/fork'

import type { PackedApp } from '../support/whole-app'
import {
  APP_FOLDER,
  APP_SOURCE_DIR,
  packWholeApp,
  PROJECT_ROOT,
  readZip,
} from '../support/whole-app'

type PackageJson = {
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

const readPackageJson = (dir: string): PackageJson =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))

const allDependencies = (pkg: PackageJson) => ({ ...pkg.dependencies, ...pkg.devDependencies })

/** The inverse of CodeSandbox's URL-safe LZ-string encoding, written out independently. */
function decodeDefineParameters(parameters: string): unknown {
  const base64 = parameters.replace(/-/g, '+').replace(/_/g, '/')
  const padded = base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')
  return JSON.parse(decompressFromBase64(padded))
}

describe('the downloadable app', () => {
  let packed: PackedApp

  beforeAll(() => {
    packed = packWholeApp()
  })

  it('pins exactly the versions of next, react, next-auth, typescript and the types that the site uses', () => {
    const app = allDependencies(readPackageJson(APP_SOURCE_DIR))
    const site = allDependencies(readPackageJson(PROJECT_ROOT))
    const required = ['next', 'react', 'react-dom', 'next-auth', 'typescript', '@types/react']

    expect(Object.keys(app)).toEqual(expect.arrayContaining([...required, '@types/react-dom']))
    for (const [name, version] of Object.entries(app)) {
      expect({ name, version }).toEqual({ name, version: site[name] })
    }
  })

  it('packs every source file under one top-level folder, and nothing a local run leaves behind', () => {
    const paths = Object.keys(packed.manifest.files)

    expect(packed.manifest.folder).toBe(APP_FOLDER)
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'tsconfig.json',
        '.env.example',
        'README.md',
        'pages/api/auth/[...nextauth].ts',
        'pages/api/backend/[route].ts',
        'middleware.ts',
        'lib/callbacks.ts',
        'pages/sign-in.tsx',
      ]),
    )
    expect(
      paths.filter((path) => /node_modules|\.next\/|\.env\.local|next-env/.test(path)),
    ).toEqual([])
    for (const path of paths) {
      expect(packed.manifest.files[path]).toBe(readFileSync(join(APP_SOURCE_DIR, path), 'utf8'))
    }
  })

  it('puts the same files in the zip as in the manifest the fork button reads', () => {
    const inManifest = Object.fromEntries(
      Object.entries(packed.manifest.files).map(([path, content]) => [
        `${APP_FOLDER}/${path}`,
        content,
      ]),
    )

    expect(readZip(packed.zip)).toEqual(inManifest)
  })

  it('writes a byte-identical zip on every run', () => {
    expect(Buffer.from(packWholeApp().zip).equals(Buffer.from(packed.zip))).toBe(true)
  })

  it('builds CodeSandbox define parameters that decode to exactly the app’s files', () => {
    const parameters = createDefineParameters(packed.manifest.files)

    expect(parameters).toMatch(/^[A-Za-z0-9_-]+$/)
    const expected = Object.fromEntries(
      Object.entries(packed.manifest.files).map(([path, content]) => [
        path,
        { content, isBinary: false },
      ]),
    )
    expect(decodeDefineParameters(parameters)).toEqual({ files: expected })
  })

  it('refuses to build define parameters for files without a package.json', () => {
    expect(() => createDefineParameters({ 'index.ts': '' })).toThrow(/package\.json/)
  })

  it('offers the zip the script writes and a form that posts to CodeSandbox in a new tab', () => {
    const html = renderToStaticMarkup(createElement(DownloadWholeApp))

    expect(WHOLE_APP_ZIP_URL).toBe(`/downloads/${APP_FOLDER}.zip`)
    expect(html).toContain(`href="${WHOLE_APP_ZIP_URL}" download=""`)
    const form = /<form[^>]*>/.exec(html)?.[0] ?? ''
    for (const attribute of [
      `action="${DEFINE_API_URL}"`,
      'method="POST"',
      'target="_blank"',
      'rel="noopener"',
    ]) {
      expect(form).toContain(attribute)
    }
    expect(html).toContain('<input type="hidden" name="parameters"/>')
  })
})
