import type { DocsThemeConfig } from 'nextra-theme-docs'

/** The branch that "Edit this page" opens a chapter's file on. */
export const REPOSITORY_BRANCH = 'main'

type RepositoryOptions = Required<Pick<DocsThemeConfig, 'project' | 'editLink'>> &
  Pick<DocsThemeConfig, 'docsRepositoryBase'>

/**
 * The theme's links into the handbook's repository: the navbar's GitHub icon (`project.link`)
 * and each chapter's "Edit this page" (`editLink`, opened under `docsRepositoryBase`).
 * `repositoryUrl` is REPOSITORY_URL as lib/repository-url.mjs normalised it; without one both
 * links are left out.
 *
 * why `docsRepositoryBase` is left out then, and the theme's default (Nextra's own repository)
 * stays: the theme reads it only for "Edit this page", the feedback link (off, theme.config.tsx)
 * and its own 404 page (the handbook has its own), so nothing links to it.
 */
export function repositoryOptions(repositoryUrl: string | undefined): RepositoryOptions {
  if (!repositoryUrl) return { project: { link: undefined }, editLink: { component: null } }
  return {
    project: { link: repositoryUrl },
    docsRepositoryBase: `${repositoryUrl}/blob/${REPOSITORY_BRANCH}`,
    editLink: { content: 'Edit this page' },
  }
}
