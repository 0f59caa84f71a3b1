/** The in-browser templates the self-hosted bundler can run (no Nodebox, no server). */
export type SandboxTemplate = 'react-ts' | 'react' | 'vanilla'

export type SandboxFile = {
  code: string
  /** Shown in the editor's tabs; hidden files still run (the model behind a sandbox, say). */
  hidden?: boolean
  readOnly?: boolean
}

/** One example a chapter embeds: what runs, and what the reader sees first. */
export type SandboxDefinition = {
  /** Also the accessible name of the sandbox's region. */
  title: string
  template: SandboxTemplate
  /** Keyed by path from the sandbox root, e.g. `/App.tsx`. */
  files: Record<string, SandboxFile>
  /** The file the editor opens on, and the placeholder shows before Sandpack loads. */
  activeFile: string
  /**
   * The file that stands in for next-auth (read-only, compared with the real library by the
   * handbook's tests), named in the caption under the sandbox.
   */
  model: string
}
