#!/usr/bin/env node
/**
 * Runs before `next build` and `next dev`: copies Sandpack's in-browser bundler out of the
 * installed @codesandbox/sandpack-client into public/sandpack/, where next.config.mjs serves it
 * at the root of its own origin (sandpack.<host>). Sandboxes then run without CodeSandbox's
 * servers, and the bundler always matches the client that talks to it, because both come from
 * the same package. The copy (~65 MB) is build output and is not committed.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// why: the package's `exports` hide package.json from require.resolve; npm installs it here.
const clientDir = join(root, 'node_modules', '@codesandbox', 'sandpack-client')
const clientVersion = JSON.parse(readFileSync(join(clientDir, 'package.json'), 'utf8')).version
const source = join(clientDir, 'sandpack')
const target = join(root, 'public', 'sandpack')
/** Records which client version the copy came from, so an upgrade replaces a stale copy. */
const stamp = join(target, 'sandpack-client-version.txt')

if (!existsSync(join(source, 'index.html'))) {
  console.error(
    `@codesandbox/sandpack-client ${clientVersion} has no bundler in ${source}; ` +
      'run `npm ci`, or set SANDPACK_BUNDLER_URL to a bundler served elsewhere.',
  )
  process.exit(1)
}

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === clientVersion) {
  console.log(`Sandpack bundler ${clientVersion} already in public/sandpack/.`)
} else {
  rmSync(target, { recursive: true, force: true })
  cpSync(source, target, { recursive: true })
  writeFileSync(stamp, `${clientVersion}\n`)
  console.log(
    `Copied the Sandpack bundler of sandpack-client ${clientVersion} to public/sandpack/.`,
  )
}
