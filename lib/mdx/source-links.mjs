/**
 * Links from a chapter to a file of this repository, written `[text](source:path/in/repo.ts)`.
 *
 * With REPOSITORY_URL set (lib/repository-url.mjs), each becomes a link to the file on the
 * repository's main branch; without it, the link is dropped and its text stays, so a copy of the
 * handbook never links to a repository that does not exist. Either way the file must exist: a
 * `source:` path that names no file fails the build with the MDX file and line.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

import { parseRepositoryUrl } from '../repository-url.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const SCHEME = 'source:'
/** The branch the links open files on, as "Edit this page" does (lib/repository-links.ts). */
const BRANCH = 'main'

/**
 * @param {{ repositoryUrl?: string | null }} [options] the repository's address; read from
 *   REPOSITORY_URL when not given.
 */
export default function remarkSourceLinks(options = {}) {
  const repositoryUrl =
    options.repositoryUrl === undefined
      ? parseRepositoryUrl(process.env.REPOSITORY_URL)
      : options.repositoryUrl
  return (tree, file) => {
    const rewrite = (parent) => {
      const children = parent.children ?? []
      for (let index = 0; index < children.length; index++) {
        const node = children[index]
        if (node.type === 'link' && node.url.startsWith(SCHEME)) {
          const path = node.url.slice(SCHEME.length)
          if (
            !path ||
            path.startsWith('/') ||
            path.includes('..') ||
            !existsSync(join(ROOT, path))
          ) {
            const line = node.position?.start.line ?? '?'
            throw new Error(
              `${file.path ?? 'MDX'}:${line}: ${node.url} names no file of the repository`,
            )
          }
          if (repositoryUrl) node.url = `${repositoryUrl}/blob/${BRANCH}/${path}`
          else {
            children.splice(index, 1, ...node.children)
            index += node.children.length - 1
            continue
          }
        }
        rewrite(node)
      }
    }
    rewrite(tree)
  }
}

/**
 * The same rewrite on markdown text (scripts/export-markdown.mjs), for prose only: code blocks
 * must be set aside by the caller.
 * @param {string} markdown
 * @param {string | null} [repositoryUrl]
 */
export function sourceLinksInMarkdown(
  markdown,
  repositoryUrl = parseRepositoryUrl(process.env.REPOSITORY_URL),
) {
  return markdown.replace(/\[([^\]]*)\]\(source:([^)\s]+)\)/g, (_, text, path) =>
    repositoryUrl ? `[${text}](${repositoryUrl}/blob/${BRANCH}/${path})` : text,
  )
}
