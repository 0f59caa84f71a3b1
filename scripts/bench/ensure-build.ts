import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** What the production build is made from; a change in any of these makes it stale. */
const SOURCES = [
  'pages',
  'components',
  'lib',
  'demo-backend',
  'theme.config.tsx',
  'next.config.mjs',
  'package.json',
]

function newestChange(path: string): number {
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  return readdirSync(path).reduce(
    (newest, entry) => Math.max(newest, newestChange(join(path, entry))),
    stats.mtimeMs,
  )
}

/**
 * Reuses the production build in `.next/` when it is newer than every source it is made from,
 * and runs `npm run build` otherwise, or when `BENCH_REBUILD=1`.
 * why: the budgets compare pages of one build with each other, so a stale build would still
 * give ratios, but of a site that no longer exists.
 */
export function ensureBuild(): void {
  const root = process.cwd()
  const buildId = join(root, '.next', 'BUILD_ID')
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0
  const changed = Math.max(
    ...SOURCES.map((source) => join(root, source))
      .filter((path) => existsSync(path))
      .map(newestChange),
  )
  if (process.env.BENCH_REBUILD !== '1' && built > changed) {
    console.log('Reusing the production build in .next/ (newer than every source).')
    return
  }
  console.log('Building the site for production (npm run build)…')
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error(`npm run build failed with exit code ${build.status}`)
}
