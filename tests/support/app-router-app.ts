import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'

import type { BuiltApp } from './whole-app'
import {
  extractZip,
  NEXT_BIN,
  packWholeApp,
  PRODUCTION,
  PROJECT_ROOT,
  runLockedBuild,
} from './whole-app'

/**
 * The App Router twin of the reference app: only the files that differ, in their own folder.
 * It is assembled from the reference app's zip (lib/, types/, middleware.ts, the stand-in
 * backend), so the two share one copy of everything that is not routing.
 */
export const APP_ROUTER_SOURCE_DIR = join(
  PROJECT_ROOT,
  'components',
  'sandboxes',
  'whole-app',
  'nextauth-credentials-app-router',
)

/** The reference app's pages-router files that the twin's app/ replaces. */
export const REPLACED_PAGES = [
  'pages/_app.tsx',
  'pages/index.tsx',
  'pages/account.tsx',
  'pages/editor.tsx',
  'pages/sign-in.tsx',
  'pages/api/me.ts',
  'pages/api/auth/[...nextauth].ts',
] as const

/** Files the twin may write over: it ships a tsconfig with Next's App Router settings. */
const OVERRIDDEN = new Set(['tsconfig.json'])

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !/^(node_modules|\.next)\//.test(path) && path !== 'next-env.d.ts')
}

/**
 * Unzips the reference app into `dir`, removes the pages the twin replaces and copies the
 * twin's files over it. Throws when a twin file would silently replace a reference file.
 */
export function assembleAppRouterApp(dir: string): string {
  const appDir = extractZip(packWholeApp().zip, dir)
  for (const page of REPLACED_PAGES) {
    if (!existsSync(join(appDir, page))) throw new Error(`the reference app has no ${page}`)
    rmSync(join(appDir, page))
  }
  for (const file of listFiles(APP_ROUTER_SOURCE_DIR)) {
    if (existsSync(join(appDir, file)) && !OVERRIDDEN.has(file)) {
      throw new Error(`the App Router twin's ${file} would replace the reference app's`)
    }
    cpSync(join(APP_ROUTER_SOURCE_DIR, file), join(appDir, file))
  }
  return appDir
}

/** Assembles the twin in a temporary directory and runs `next build` there (it type-checks). */
export async function buildAppRouterApp(): Promise<BuiltApp> {
  const workDir = mkdtempSync(join(tmpdir(), 'app-router-app-'))
  try {
    const appDir = assembleAppRouterApp(workDir)
    // why: the same packages as the reference app (its package.json is the twin's).
    symlinkSync(realpathSync(join(PROJECT_ROOT, 'node_modules')), join(appDir, 'node_modules'))
    const env: NodeJS.ProcessEnv = { ...process.env, ...PRODUCTION }
    delete env.NEXTAUTH_SECRET
    const buildOutput = await runLockedBuild([process.execPath, NEXT_BIN, 'build'], {
      cwd: appDir,
      env,
      // why: the wait for the lock, on a machine shared with other builds, can itself take a
      // quarter of an hour.
      timeoutMs: 1_800_000,
    })
    return { workDir, appDir, buildOutput }
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true })
    const {
      stdout = '',
      stderr = '',
      killed,
    } = error as {
      stdout?: string
      stderr?: string
      killed?: boolean
    }
    const why = killed
      ? 'it was stopped after 30 minutes (waiting for the build lock included)'
      : error instanceof Error
        ? error.message
        : String(error)
    throw new Error(`next build of the App Router twin failed: ${why}\n${stdout}\n${stderr}`)
  }
}
