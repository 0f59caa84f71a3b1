import { URL } from 'node:url'

import { z } from 'zod'

/**
 * REPOSITORY_URL: the web address of the handbook's own repository, e.g.
 * https://github.com/owner/handbook. It is read once, by `next build` (next.config.mjs), and
 * the normalised value reaches the pages as NEXT_PUBLIC_REPOSITORY_URL; "Edit this page", the
 * navbar's GitHub icon and the footer's "Source" link point into it (lib/repository-links.ts).
 *
 * why optional, and unset by default: a link to a repository that does not exist is worse than no
 * link. A copy of the handbook links to its own repository once it is told where that is.
 *
 * why a `.mjs` and no import from lib/env.ts: next.config.mjs runs it before anything is
 * compiled, and the pages must not carry zod to the browser for one string.
 */

const HOW_TO_FIX =
  'Set it to the web address of a repository, such as https://github.com/owner/handbook, or unset it to hide the links to the source.'

const repositoryUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((url) => new URL(url))
  .refine((url) => url.search === '' && url.hash === '', 'must not carry a query or a fragment')
  .transform((url) => `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\.git$/, '')}`)
  .refine(
    (url) => new URL(url).pathname.split('/').filter(Boolean).length === 2,
    'must name a repository as /<owner>/<name>',
  )

/**
 * The repository's address without a trailing slash or `.git`, or null when `value` is unset or
 * blank. Throws an error that names the variable and says how to fix it when `value` is not the
 * address of a repository.
 * @param {string | undefined} value
 * @returns {string | null}
 */
export function parseRepositoryUrl(value) {
  if (value === undefined || value.trim() === '') return null
  const result = repositoryUrl.safeParse(value.trim())
  if (result.success) return result.data
  const problem = result.error.issues[0]?.message ?? 'is not valid'
  throw new Error(`REPOSITORY_URL ${problem}. ${HOW_TO_FIX}`)
}
