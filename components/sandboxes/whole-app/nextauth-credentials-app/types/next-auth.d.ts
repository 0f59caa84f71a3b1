// #region augmentation
// why: an import makes this file a module, so the declarations below add to next-auth's
// types instead of replacing them.
import 'next-auth/jwt'

// Module augmentation: what this app adds to NextAuth's types. TypeScript merges these
// declarations into next-auth's own, so `user.role` and `token.accessToken` type-check.

/** What the backend says a person may do. */
type Role = 'reader' | 'editor'

declare module 'next-auth' {
  /** What `authorize()` returns: the backend's user and its tokens. */
  interface User {
    role: Role
    accessToken: string
    accessTokenExpires: number
    refreshToken: string
  }

  /** What the browser sees through useSession(): who, and when the access token expires. */
  interface Session {
    user: { id: string; name?: string | null; email?: string | null; role?: Role }
    accessTokenExpires?: number
    error?: 'RefreshAccessTokenError'
  }
}

declare module 'next-auth/jwt' {
  /**
   * What the encrypted session cookie carries. The fields are optional because a token
   * only gets them in the `jwt` callback of the sign-in request.
   */
  interface JWT {
    role?: Role
    accessToken?: string
    accessTokenExpires?: number
    refreshToken?: string
    error?: 'RefreshAccessTokenError'
  }
}
// #endregion augmentation
