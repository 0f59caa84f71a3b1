import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

import { unzipSync } from 'fflate'

import type { WholeAppManifest } from '@/components/sandboxes/whole-app/fork'
import { wholeAppManifestSchema } from '@/components/sandboxes/whole-app/fork'

export const PROJECT_ROOT = join(__dirname, '..', '..')
export const APP_FOLDER = 'nextauth-credentials-app'
/** The app's source, the one place its files are written by hand. */
export const APP_SOURCE_DIR = join(PROJECT_ROOT, 'components', 'sandboxes', 'whole-app', APP_FOLDER)
const ZIP_SCRIPT = join(PROJECT_ROOT, 'scripts', 'build-whole-app-zip.mjs')

export type PackedApp = {
  /** The zip's bytes, as a reader downloads them. */
  zip: Uint8Array
  /** The manifest the "Open in CodeSandbox" button fetches. */
  manifest: WholeAppManifest
}

/** Runs scripts/build-whole-app-zip.mjs into a fresh directory and reads what it wrote. */
export function packWholeApp(): PackedApp {
  const outDir = mkdtempSync(join(tmpdir(), 'whole-app-pack-'))
  try {
    execFileSync(process.execPath, [ZIP_SCRIPT, '--out', outDir], { stdio: 'pipe' })
    const zip = readFileSync(join(outDir, `${APP_FOLDER}.zip`))
    const manifest = wholeAppManifestSchema.parse(
      JSON.parse(readFileSync(join(outDir, `${APP_FOLDER}.json`), 'utf8')),
    )
    return { zip: new Uint8Array(zip), manifest }
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}

/** The zip's entries as path → text, paths as stored (with the top-level folder). */
export function readZip(zip: Uint8Array): Record<string, string> {
  const decoder = new TextDecoder()
  return Object.fromEntries(
    Object.entries(unzipSync(zip)).map(([path, bytes]) => [path, decoder.decode(bytes)]),
  )
}

/** Unpacks the zip into `dir` as `unzip` would, and returns the app's folder in it. */
export function extractZip(zip: Uint8Array, dir: string): string {
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    if (path.endsWith('/')) continue
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), bytes)
  }
  return join(dir, APP_FOLDER)
}
