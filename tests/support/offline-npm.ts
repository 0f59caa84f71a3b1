import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

import type { BrowserContext, Route } from '@playwright/test'

const NODE_MODULES = join(process.cwd(), 'node_modules')

/** What the bundler asked the internet for, answered or not, for a test to report. */
export type NetworkLog = { answered: string[]; blocked: string[] }

const isLocal = (url: URL) => url.hostname === 'localhost' || url.hostname.endsWith('.localhost')

/** `@scope/name@range/path` or `name@range/path`, as the npm CDNs spell it. */
const PACKAGE_PATH = /^((?:@[^/@]+\/)?[^/@]+)(?:@([^/]+))?(\/.*)?$/

/** A package's folder and version; `nameOrDir` is a package name or an absolute folder. */
function localPackage(nameOrDir: string): { dir: string; version: string } | null {
  const dir = nameOrDir.startsWith('/') ? nameOrDir : join(NODE_MODULES, nameOrDir)
  try {
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      version: string
    }
    return { dir, version }
  } catch {
    return null
  }
}

/** Every file of a package, as jsDelivr's `/flat` listing names them (no nested node_modules). */
function listFiles(dir: string, prefix = ''): { name: string; size: number }[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${prefix}/${entry.name}`
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(dir, relative)
    return [{ name: relative, size: statSync(join(dir, relative)).size }]
  })
}

/** The files a package runs with: code and JSON, not types, docs or source maps. */
const isRuntimeFile = (name: string) => /\.(c|m)?js$|\.json$/.test(name)

/**
 * Packages the bundler itself asks for at versions the site does not use, installed as aliased
 * devDependencies (package.json) so that the test can hand them over.
 */
const BUNDLER_OWN_PACKAGES: Record<string, string> = {
  'react-refresh': 'react-refresh-0.9',
  'node-libs-browser': 'node-libs-browser-2.2',
}

/** Where `name` resolves from `fromDir`, the way Node walks up node_modules folders. */
function resolvePackageDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; dir.startsWith(NODE_MODULES); dir = join(dir, '..')) {
    const candidate = join(dir, 'node_modules', name)
    if (localPackage(candidate)) return candidate
  }
  return localPackage(join(NODE_MODULES, name)) ? join(NODE_MODULES, name) : null
}

/**
 * What CodeSandbox's packager serves for `name@version`: the package's files and those of every
 * package it depends on, under /node_modules, and the resolved versions. Built from our own
 * node_modules, so the preview runs the very versions the site was tested with.
 */
function packagerManifest(name: string) {
  const contents: Record<string, { content: string }> = {}
  const dependencyDependencies: Record<string, object> = {}
  const visit = (packageName: string, dir: string, parent: string | null) => {
    const local = localPackage(dir)
    if (!local || contents[`/node_modules/${packageName}/package.json`]) return
    for (const file of listFiles(dir).filter((entry) => isRuntimeFile(entry.name))) {
      contents[`/node_modules/${packageName}${file.name}`] = {
        content: readFileSync(join(dir, file.name), 'utf8'),
      }
    }
    if (parent) {
      dependencyDependencies[packageName] = {
        semver: local.version,
        resolved: local.version,
        parents: [parent],
        entries: [],
      }
    }
    const { dependencies = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>
    }
    for (const dependency of Object.keys(dependencies)) {
      const dependencyDir = resolvePackageDir(dependency, dir)
      if (dependencyDir) visit(dependency, dependencyDir, packageName)
    }
  }
  const dir = resolvePackageDir(BUNDLER_OWN_PACKAGES[name] ?? name, NODE_MODULES)
  if (!dir) return null
  visit(name, dir, null)
  return {
    contents,
    dependency: { name, version: localPackage(dir)?.version },
    peerDependencies: {},
    dependencyDependencies,
    dependencyAliases: {},
  }
}

const json = (route: Route, body: unknown) =>
  route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) })

/** Answers one npm CDN request from node_modules; false when it is not one we can answer. */
async function answerFromNodeModules(route: Route, url: URL): Promise<boolean> {
  const path = decodeURIComponent(url.pathname)
  const packager = /^\/v2\/packages\/(.+)\/[^/]+\.json$/.exec(path)
  if (url.hostname === 'prod-packager-packages.codesandbox.io' && packager) {
    const manifest = packagerManifest(packager[1] ?? '')
    if (!manifest) return false
    await json(route, manifest)
    return true
  }
  const cdnPath =
    url.hostname === 'data.jsdelivr.com'
      ? path.replace(/^\/v1\/package\/npm\//, '')
      : url.hostname === 'cdn.jsdelivr.net'
        ? path.replace(/^\/npm\//, '')
        : url.hostname === 'unpkg.com'
          ? path.slice(1)
          : null
  const match = cdnPath === null ? null : PACKAGE_PATH.exec(cdnPath)
  if (!match) return false
  const [, name = '', , file] = match
  const local = localPackage(name)
  if (!local) {
    await route.fulfill({ status: 404, body: `${name} is not in node_modules` })
    return true
  }
  if (url.hostname === 'data.jsdelivr.com') {
    if (file === '/flat') {
      await json(route, { default: '/index.js', files: listFiles(local.dir) })
    } else {
      await json(route, { tags: { latest: local.version }, versions: [local.version] })
    }
    return true
  }
  try {
    const body = readFileSync(join(local.dir, file ?? '/package.json'))
    await route.fulfill({ status: 200, contentType: 'application/javascript', body })
  } catch {
    await route.fulfill({ status: 404, body: 'not found' })
  }
  return true
}

/**
 * Cuts the browser context off the internet: localhost goes through, npm CDN requests (what
 * Sandpack's bundler fetches packages from) are answered from the project's node_modules, and
 * everything else is aborted. The sandbox tests thereby prove the previews need no third party
 * but a package registry, and run offline.
 */
export async function serveNpmFromNodeModules(context: BrowserContext): Promise<NetworkLog> {
  const log: NetworkLog = { answered: [], blocked: [] }
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (isLocal(url)) return route.continue()
    if (await answerFromNodeModules(route, url)) {
      log.answered.push(url.href)
      return
    }
    log.blocked.push(`${route.request().method()} ${url.href}`)
    // why: an aborted request reads as a network failure, which the bundler retries; a 404
    // sends it on to the next source (CodeSandbox's packager, then the CDNs).
    return route.fulfill({ status: 404, body: 'blocked by the test' })
  })
  return log
}
