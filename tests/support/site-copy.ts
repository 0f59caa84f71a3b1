import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

import { PRODUCTION, PROJECT_ROOT, runLockedBuild } from './whole-app'

export type BuiltSiteCopy = {
  /** The temporary directory holding the copy; remove it when done. */
  workDir: string
  /** What `npm run build` printed. */
  buildOutput: string
}

/** Every file git tracks in this project, as a fresh clone would have it. */
export function trackedFiles(): string[] {
  const listing = execFileSync('git', ['ls-files', '-z'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
  return listing.split('\0').filter((path) => path !== '' && existsSync(join(PROJECT_ROOT, path)))
}

/**
 * Copies the site's tracked files into a temporary directory and runs `npm run build` there with
 * `env` on top, so a test can look at the site as built with a setting the e2e suite's build
 * leaves at its default. The project's node_modules stand in for `npm ci`. Rejects with the
 * build's output when it fails.
 */
export async function buildSiteCopy(env: Record<string, string>): Promise<BuiltSiteCopy> {
  const workDir = mkdtempSync(join(tmpdir(), 'site-copy-'))
  for (const path of trackedFiles()) {
    mkdirSync(dirname(join(workDir, path)), { recursive: true })
    copyFileSync(join(PROJECT_ROOT, path), join(workDir, path))
  }
  symlinkSync(realpathSync(join(PROJECT_ROOT, 'node_modules')), join(workDir, 'node_modules'))
  try {
    const buildOutput = await runLockedBuild(['npm', 'run', 'build'], {
      cwd: workDir,
      env: { ...process.env, ...PRODUCTION, ...env },
      timeoutMs: 900_000,
    })
    return { workDir, buildOutput }
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true })
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`npm run build of the site copy failed:\n${stdout}\n${stderr}`)
  }
}
