import type { Root } from 'mdast'
import type { VFile } from 'vfile'

export type IncludeOptions = {
  /** Where `app=` paths start: the reference app, or a fixture folder in tests. */
  appDir?: string
  /** The folders of `app="name:path"` includes, by name: the App Router twin, or fixtures. */
  apps?: Record<string, string>
}

export type Include = {
  spec: string
  /** The name before the colon (`app-router`), undefined for the reference app. */
  app: string | undefined
  path: string
  region: string | undefined
}

export type IncludedBlock = {
  /** The region's text (or the whole file's), markers removed, dedented. */
  code: string
  /** The fence's meta with `app="…"` replaced by `filename="<path>"`. */
  meta: string
  /** The path relative to the reference app: `lib/callbacks.ts`. */
  filename: string
  /** The `#region`, or undefined for the whole file. */
  region: string | undefined
  /** The source file, absolute. */
  source: string
}

export declare const APP_DIR: string
export declare const APP_ROUTER_DIR: string
export declare function includeOf(meta: string | null | undefined): Include | null
export declare function isRegionMarker(line: string): boolean
export declare function findRegions(text: string): {
  lines: string[]
  regions: Map<string, [number, number]>
}
export declare function cutRegion(text: string, region: string | undefined): string
export declare function resolveInclude(
  block: { meta: string; code: string; mdxFile: string; line: number },
  options?: IncludeOptions,
): IncludedBlock | null
export declare function includeCodeInMarkdown(
  mdx: string,
  mdxFile: string,
  options?: IncludeOptions,
): string
export declare function includedFiles(mdx: string, options?: IncludeOptions): string[]
export default function remarkIncludeCode(
  options?: IncludeOptions,
): (tree: Root, file: VFile) => void
