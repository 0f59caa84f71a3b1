// #region providers
'use client'

import { SessionProvider } from 'next-auth/react'
import type { ReactNode } from 'react'

/**
 * SessionProvider keeps the session in React state and context, which only exist in the
 * browser's React: a server component cannot render it, so it is wrapped in a client one.
 */
export function Providers({ children }: { children: ReactNode }) {
  return <SessionProvider>{children}</SessionProvider>
}
// #endregion providers
