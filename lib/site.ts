/**
 * Facts about the handbook itself that more than one place shows: the theme's navbar and
 * footer, the page head, the landing page.
 */
export const site = {
  name: 'NextAuth Credentials Handbook',
  shortName: 'Credentials Handbook',
  description:
    'Learn to sign users in against your own backend with NextAuth.js v4 and the Credentials provider, with a live sign-in lab that shows every callback as it runs.',
  repositoryUrl:
    process.env.NEXT_PUBLIC_REPOSITORY_URL ??
    'https://github.com/nextauth-credentials-handbook/handbook',
} as const
