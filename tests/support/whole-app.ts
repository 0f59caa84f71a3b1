import { execFile, execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

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

export const NEXT_BIN = join(PROJECT_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next')
// why: Vitest sets NODE_ENV=test, which would make Next build and serve a development React.
export const PRODUCTION = { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } as const

// why: the machine may be building the site at the same time; one `next build` at a time.
// flock is util-linux's: where it is missing (macOS), the build runs unlocked.
const BUILD_LOCK = '/tmp/next-build.lock'
const FLOCK = '/usr/bin/flock'

/**
 * Runs a build `command` in `cwd` under the machine's build lock (where flock exists) and
 * resolves with what it printed; rejects as execFile does, with stdout, stderr and `killed`
 * on the error. `timeoutMs` includes the wait for the lock.
 */
export async function runLockedBuild(
  command: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<string> {
  const [file = '', ...args] = existsSync(FLOCK) ? [FLOCK, BUILD_LOCK, ...command] : command
  const build = await promisify(execFile)(file, args, {
    cwd: options.cwd,
    env: options.env,
    timeout: options.timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  })
  return `${build.stdout}\n${build.stderr}`
}

export type BuiltApp = {
  /** A temporary directory holding the extracted app; remove it when done. */
  workDir: string
  /** The app's folder, built, with the project's node_modules linked in. */
  appDir: string
  /** What `next build` printed. */
  buildOutput: string
}

/**
 * Packs the app, unzips it into a temporary directory and runs `next build` there, without
 * NEXTAUTH_SECRET, as a reader who has not made one yet would. Rejects with the build's output
 * when it fails.
 */
export async function buildWholeApp(): Promise<BuiltApp> {
  const workDir = mkdtempSync(join(tmpdir(), 'whole-app-'))
  const appDir = extractZip(packWholeApp().zip, workDir)
  // why: the site pins the same versions as the app's package.json (tests/unit/whole-app.test.ts
  // checks), so its installed packages stand in for a reader's `npm install`.
  symlinkSync(realpathSync(join(PROJECT_ROOT, 'node_modules')), join(appDir, 'node_modules'))

  const env: NodeJS.ProcessEnv = { ...process.env, ...PRODUCTION }
  delete env.NEXTAUTH_SECRET
  try {
    const buildOutput = await runLockedBuild([process.execPath, NEXT_BIN, 'build'], {
      cwd: appDir,
      env,
      timeoutMs: 900_000,
    })
    return { workDir, appDir, buildOutput }
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true })
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`next build of the whole app failed:\n${stdout}\n${stderr}`)
  }
}
