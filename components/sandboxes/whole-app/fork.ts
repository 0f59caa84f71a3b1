import { compressToBase64 } from 'lz-string'
import { z } from 'zod'

/** CodeSandbox's "define" API: a POST of `parameters` creates a sandbox and opens it. */
export const DEFINE_API_URL = 'https://codesandbox.io/api/v1/sandboxes/define'

/** What scripts/build-whole-app-zip.mjs writes next to the zip: every file of the app. */
export const wholeAppManifestSchema = z.strictObject({
  folder: z.string(),
  files: z.record(z.string(), z.string()),
})

export type WholeAppManifest = z.infer<typeof wholeAppManifestSchema>

/**
 * The `parameters` field of a define request for these files (path → text). CodeSandbox picks
 * the template from package.json, so the files alone are enough. The encoding is the one its
 * own import utilities use: LZ-string's base64, with `+` and `/` made URL-safe and the `=`
 * padding dropped. Throws on files that cannot be an app, rather than opening a broken sandbox.
 */
export function createDefineParameters(files: Record<string, string>): string {
  if (files['package.json'] === undefined) {
    throw new Error('The files for CodeSandbox need a package.json at their root')
  }
  const payload = {
    files: Object.fromEntries(
      Object.entries(files).map(([path, content]) => [path, { content, isBinary: false }]),
    ),
  }
  return compressToBase64(JSON.stringify(payload))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

/** Fetches the app's manifest and turns it into define parameters. Throws on any failure. */
export async function loadDefineParameters(manifestUrl: string): Promise<string> {
  const response = await fetch(manifestUrl)
  if (!response.ok) throw new Error(`${manifestUrl} answered ${response.status}`)
  const manifest = wholeAppManifestSchema.parse(await response.json())
  return createDefineParameters(manifest.files)
}
