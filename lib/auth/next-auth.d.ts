import type { DefaultSession } from 'next-auth'

// Module augmentation: the fields this site adds to NextAuth's types (see the TypeScript chapter).
declare module 'next-auth' {
  /** What `authorize()` returns: the backend's user and its tokens. */
  interface User {
    accessToken: string
    accessTokenExpires: number
    refreshToken: string
  }

  /** What the browser sees: the user id, never a token. */
  interface Session {
    user: { id: string } & DefaultSession['user']
    accessTokenExpires?: number
    error?: 'RefreshAccessTokenError'
  }
}

declare module 'next-auth/jwt' {
  /** What the encrypted session cookie carries between requests. */
  interface JWT {
    accessToken?: string
    accessTokenExpires?: number
    refreshToken?: string
    error?: 'RefreshAccessTokenError'
  }
}
