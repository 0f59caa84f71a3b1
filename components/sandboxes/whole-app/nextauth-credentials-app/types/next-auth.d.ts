import type { DefaultSession } from 'next-auth'

// Module augmentation: the user id this app adds to NextAuth's session and token types.
declare module 'next-auth' {
  interface Session {
    user: { id: string } & DefaultSession['user']
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    /** Set by the `jwt` callback at sign-in, from the user that `authorize()` returned. */
    id: string
  }
}
