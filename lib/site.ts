/**
 * Facts about the handbook itself that more than one place shows: the theme's navbar and
 * footer, the page head, the landing page.
 */
export const site = {
  name: 'NextAuth Credentials Handbook',
  shortName: 'Credentials Handbook',
  description:
    'Learn to sign users in against your own backend with NextAuth.js v4 and the Credentials provider, with a live sign-in lab that shows every callback as it runs.',
  /**
   * The handbook's repository (REPOSITORY_URL, validated by next.config.mjs at build time), or
   * undefined when it is not set: then nothing links to a repository.
   */
  repositoryUrl: process.env.NEXT_PUBLIC_REPOSITORY_URL || undefined,
} as const
