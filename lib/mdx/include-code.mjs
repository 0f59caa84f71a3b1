/**
 * Application code in a chapter is cut, at build time, from a real file of the reference app
 * (components/sandboxes/whole-app/nextauth-credentials-app/), which is built, type-checked and
 * signed in to by tests/whole-app/. A chapter cannot show code the app does not run.
 *
 * In the MDX, an empty fence (prettier writes it with one blank line) whose meta names the file,
 * relative to the reference app, and optionally a region of it after `#`:
 *
 *     ```ts app="lib/callbacks.ts#jwt" {3-5} copy
 *
 *     ```
 *
 * becomes the region's text, dedented, with `app="…"` replaced by `filename="lib/callbacks.ts"`
 * (Nextra shows it above the block: the path a reader creates in their own app). The rest of the
 * meta (highlights, `copy`) is kept; highlighted lines count from the region's first line.
 * Without `#region` the whole file is shown.
 *
 * A path may start with the name of another tested app and a colon: `app="app-router:app/layout.tsx"`
 * cuts from the App Router twin (components/sandboxes/whole-app/nextauth-credentials-app-router/),
 * which tests/whole-app/ assembles with the reference app's lib/, builds and signs in to. The
 * block is named by the path alone, as for the reference app.
 *
 * A region is marked in the source file with whole-line comments, VS Code's convention:
 *
 *     // #region jwt                        {/* #region form *\/}   (in TSX, between JSX children)
 *     …                                     …
 *     // #endregion jwt                     {/* #endregion form *\/}
 *
 * Regions may nest and overlap; marker lines never appear in a chapter. Every mistake fails the
 * build with the MDX file and line, the source path and the region: a missing file or region, a
 * region opened twice or never closed, an `#endregion` without its `#region`, a fence that is not
 * empty, a `filename=` next to `app=`.
 *
 * tests/support/mdx-code-blocks.ts calls resolveInclude() too, so tests check what a reader sees.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const APP_DIR = join(
  root,
  'components',
  'sandboxes',
  'whole-app',
  'nextauth-credentials-app',
)

/** The other apps a chapter may cut from, by the name written before the colon. */
export const APP_ROUTER_DIR = join(
  root,
  'components',
  'sandboxes',
  'whole-app',
  'nextauth-credentials-app-router',
)
const APPS = { 'app-router': APP_ROUTER_DIR }
const APP_PREFIX = /^([a-z][a-z0-9-]*):/

const APP_ATTRIBUTE = /(^|\s)app="([^"]*)"/
const FILENAME_ATTRIBUTE = /(^|\s)filename=/
/** `// #region name` or, between JSX children, `{/* #region name *\/}`, alone on its line. */
const MARKER = /^\s*(?:\/\/\s*#(end)?region\b(.*)|\{\/\*\s*#(end)?region\b(.*?)\*\/\})\s*$/
const REGION_NAME = /^[\w.-]+$/

/**
 * The `app="[name:]path#region"` of a fence's meta, or null when the block is typed in the MDX.
 * `app` is the name before the colon, undefined for the reference app.
 */
export function includeOf(meta) {
  const match = APP_ATTRIBUTE.exec(meta ?? '')
  if (!match) return null
  const spec = match[2] ?? ''
  const app = APP_PREFIX.exec(spec)?.[1]
  const target = app === undefined ? spec : spec.slice(app.length + 1)
  const hash = target.lastIndexOf('#')
  return hash === -1
    ? { spec, app, path: target, region: undefined }
    : { spec, app, path: target.slice(0, hash), region: target.slice(hash + 1) }
}

/** The folder an include's path starts in. Throws on an app name that is not known. */
function baseOf(include, { appDir = APP_DIR, apps = APPS } = {}) {
  if (include.app === undefined) return appDir
  const dir = apps[include.app]
  if (!dir)
    throw new Error(`no app is named "${include.app}" (known: ${Object.keys(apps).join(', ')})`)
  return dir
}

/** Is this line a region marker? Marker lines are dropped from everything a chapter shows. */
export const isRegionMarker = (line) => MARKER.test(line)

/**
 * Every region of a source text as name → [first, end) line indexes (markers excluded by the
 * caller). Throws, naming the 1-based line, on a nameless marker, a region opened twice, an
 * `#endregion` without its `#region`, or a region never closed.
 */
export function findRegions(text) {
  const lines = text.split('\n')
  const open = new Map()
  const regions = new Map()
  lines.forEach((line, index) => {
    const marker = MARKER.exec(line)
    if (!marker) return
    const closes = Boolean(marker[1] ?? marker[3])
    const name = (marker[2] ?? marker[4] ?? '').trim()
    const kind = closes ? '#endregion' : '#region'
    if (!REGION_NAME.test(name)) {
      throw new Error(`line ${index + 1}: ${kind} needs one name (letters, digits, _ . -)`)
    }
    if (!closes) {
      if (open.has(name) || regions.has(name)) {
        throw new Error(`line ${index + 1}: region "${name}" is opened twice`)
      }
      open.set(name, index + 1)
    } else {
      if (!open.has(name)) {
        throw new Error(`line ${index + 1}: #endregion ${name} has no #region ${name} before it`)
      }
      regions.set(name, [open.get(name), index])
      open.delete(name)
    }
  })
  const [unclosed, line] = [...open][0] ?? []
  if (unclosed) throw new Error(`line ${line}: region "${unclosed}" is never closed`)
  return { lines, regions }
}

/** Lines without a common indent and without blank lines at either end. */
function dedent(lines) {
  const first = lines.findIndex((line) => line.trim() !== '')
  const last = lines.findLastIndex((line) => line.trim() !== '')
  const body = first === -1 ? [] : lines.slice(first, last + 1)
  const indent = Math.min(
    ...body.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)[0].length),
  )
  return body.map((line) => line.slice(indent).trimEnd()).join('\n')
}

/**
 * The text a reader sees for a region of a source text (or the whole text without `region`):
 * marker lines removed, dedented. Throws on broken markers, a missing region, an empty one.
 */
export function cutRegion(text, region) {
  const { lines, regions } = findRegions(text)
  let body = lines
  if (region !== undefined) {
    const range = regions.get(region)
    if (!range) throw new Error(`region "${region}" not found`)
    body = lines.slice(...range)
  }
  const code = dedent(body.filter((line) => !isRegionMarker(line)))
  if (code === '') throw new Error(region === undefined ? 'the file is empty' : 'region is empty')
  return code
}

/**
 * Resolves one code block. Returns null for a block typed in the MDX; for an include, its code
 * and its meta with `filename=`. Throws `mdxFile:line: app="…": why (source path)` on any mistake.
 *
 * @param {{ meta: string, code: string, mdxFile: string, line: number }} block `line`: the
 *   opening fence's, 1-based.
 * @param {{ appDir?: string, apps?: Record<string, string> }} [options] `appDir`: where `app=`
 *   paths start; `apps`: the folders of `name:` paths (tests use fixtures for both).
 * @returns {{ code: string, meta: string, filename: string, region?: string, source: string } | null}
 */
export function resolveInclude({ meta, code, mdxFile, line }, options) {
  const include = includeOf(meta)
  if (!include) return null
  let base = ''
  try {
    base = baseOf(include, options)
  } catch (error) {
    throw new Error(`${mdxFile}:${line}: app="${include.spec}": ${error.message}`)
  }
  const source = join(base, include.path)
  const shownSource = relative(root, source).split('\\').join('/')
  const fail = (why) => {
    throw new Error(`${mdxFile}:${line}: app="${include.spec}": ${why} (${shownSource})`)
  }
  const path = posix.normalize(include.path)
  if (include.path === '' || isAbsolute(include.path) || path.startsWith('..')) {
    fail('the path must name a file inside the reference app (or the app named before the colon)')
  }
  if (include.region === '') fail('nothing after #: name a region, or drop the #')
  if (code.trim() !== '') fail('the fence must be empty: its code comes from the file')
  if (FILENAME_ATTRIBUTE.test(meta)) fail('drop filename=: an included block is named by its path')
  if (!existsSync(source)) fail('no such file')
  let text = ''
  try {
    text = cutRegion(readFileSync(source, 'utf8'), include.region)
  } catch (error) {
    fail(include.region === undefined ? error.message : `#${include.region}: ${error.message}`)
  }
  return {
    code: text,
    meta: meta.replace(APP_ATTRIBUTE, `$1filename="${path}"`).trim(),
    filename: path,
    region: include.region,
    source,
  }
}

const OPENING_FENCE = /^(\s*)(`{3,}|~{3,})[ \t]*(\S*)[ \t]*(.*)$/

/**
 * The MDX text with every include's code written into its fence, for the plain-markdown copies
 * (scripts/export-markdown.mjs). Typed blocks, and fences inside them, are left as they are.
 */
export function includeCodeInMarkdown(mdx, mdxFile, options) {
  const lines = mdx.split('\n')
  const out = []
  for (let index = 0; index < lines.length; index++) {
    const opening = OPENING_FENCE.exec(lines[index] ?? '')
    if (!opening) {
      out.push(lines[index])
      continue
    }
    const [, indent = '', fence = '', lang = '', meta = ''] = opening
    const closing = new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`)
    let end = lines.findIndex((line, at) => at > index && closing.test(line))
    if (end === -1) end = lines.length
    const body = lines.slice(index + 1, end)
    const included = resolveInclude(
      { meta, code: body.join('\n'), mdxFile, line: index + 1 },
      options,
    )
    const code = included ? included.code.split('\n').map((line) => indent + line) : body
    const head = included ? `${indent}${fence}${lang} ${included.meta}` : lines[index]
    out.push(head, ...code, ...lines.slice(end, end + 1))
    index = end
  }
  return out.join('\n')
}

/**
 * The source files an MDX text includes, as absolute paths, found by its fences' `app=` alone
 * (lib/mdx/include-code-loader.mjs tells webpack to rebuild the page when one changes).
 */
export function includedFiles(mdx, options) {
  return mdx.split('\n').flatMap((line) => {
    const include = includeOf(OPENING_FENCE.exec(line)?.[4])
    return include ? [join(baseOf(include, options), include.path)] : []
  })
}

/**
 * The remark plugin, first in lib/mdx/options.mjs: every include's fence gets its code and
 * file name before any other plugin (Nextra's highlighter included) sees the block.
 *
 * @param {{ appDir?: string, apps?: Record<string, string> }} [options]
 */
export default function remarkIncludeCode(options) {
  return (tree, file) => {
    const mdxFile = file.path ? relative(root, file.path).split('\\').join('/') : '(MDX)'
    const visit = (node) => {
      for (const child of node.children ?? []) {
        if (child.type !== 'code') {
          visit(child)
          continue
        }
        const line = child.position?.start.line ?? 0
        const block = { meta: child.meta ?? '', code: child.value, mdxFile, line }
        const included = resolveInclude(block, options)
        if (!included) continue
        child.value = included.code
        child.meta = included.meta
      }
    }
    visit(tree)
  }
}
