import type { Root } from 'mdast'
import type { VFile } from 'vfile'

export type SourceLinkOptions = {
  /** The repository's address; read from REPOSITORY_URL when not given, none when null. */
  repositoryUrl?: string | null
}

export default function remarkSourceLinks(
  options?: SourceLinkOptions,
): (tree: Root, file: VFile) => void

export function sourceLinksInMarkdown(markdown: string, repositoryUrl?: string | null): string
