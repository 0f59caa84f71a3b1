#!/usr/bin/env node
/**
 * Runs before `next build`: packs the downloadable app in
 * components/sandboxes/whole-app/nextauth-credentials-app/ into
 *
 * - public/downloads/nextauth-credentials-app.zip, every file under one top-level folder;
 * - public/downloads/nextauth-credentials-app.json, `{ folder, files: { path: content } }`, which
 *   the "Open in CodeSandbox" button fetches when a reader is about to use it.
 *
 * Both come from one listing of the same files, so the download, the fork and the app that
 * tests/whole-app/whole-app.test.ts builds and signs in to cannot differ. The zip is
 * byte-for-byte the same on every run and machine. `--out <dir>` writes elsewhere (for tests).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

import { zipSync } from 'fflate'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const APP_FOLDER = 'nextauth-credentials-app'
const sourceDir = join(root, 'components', 'sandboxes', 'whole-app', APP_FOLDER)

/** What running the app locally leaves behind; none of it belongs in the download. */
const IGNORED = [/^node_modules$/, /^\.next$/, /^next-env\.d\.ts$/, /\.tsbuildinfo$/, /^\.env$/]
const IGNORED_LOCAL_ENV = /^\.env(\..+)?\.local$/

// why: zip stores local date and time without a zone, and fflate reads them with getFullYear()
// and friends; a date built from local parts gives the same bytes in every time zone.
const FIXED_MTIME = new Date(2026, 0, 1, 0, 0, 0)

function isIgnored(name) {
  return IGNORED.some((pattern) => pattern.test(name)) || IGNORED_LOCAL_ENV.test(name)
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !isIgnored(entry.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name)
      return entry.isDirectory() ? walk(path) : [path]
    })
}

/** The app's files as `[path, bytes]`, paths relative to the app with `/`, sorted. */
export function listAppFiles() {
  return walk(sourceDir)
    .map((path) => [relative(sourceDir, path).split(sep).join('/'), readFileSync(path)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

function outDirFromArgs(args) {
  const index = args.indexOf('--out')
  if (index === -1) return join(root, 'public', 'downloads')
  const dir = args[index + 1]
  if (!dir) throw new Error('--out needs a directory')
  return dir
}

function main() {
  const files = listAppFiles()
  if (!files.some(([path]) => path === 'package.json')) {
    throw new Error(`No package.json in ${sourceDir}: is this the right folder?`)
  }
  const outDir = outDirFromArgs(process.argv.slice(2))
  mkdirSync(outDir, { recursive: true })

  const entries = Object.fromEntries(
    files.map(([path, bytes]) => [`${APP_FOLDER}/${path}`, [bytes, { mtime: FIXED_MTIME }]]),
  )
  const zip = zipSync(entries, { level: 9 })
  writeFileSync(join(outDir, `${APP_FOLDER}.zip`), zip)

  const contents = files.map(([path, bytes]) => [path, bytes.toString('utf8')])
  const manifest = { folder: APP_FOLDER, files: Object.fromEntries(contents) }
  writeFileSync(join(outDir, `${APP_FOLDER}.json`), JSON.stringify(manifest))

  console.log(
    `whole app: ${files.length} files, ${(zip.length / 1024).toFixed(1)} kB zip → ${relative(root, outDir) || outDir}`,
  )
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
