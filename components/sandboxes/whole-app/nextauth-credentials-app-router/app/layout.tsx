import type { ReactNode } from 'react'

import { Providers } from './providers'

export const metadata = { title: 'NextAuth.js Credentials, App Router' }

// #region layout
/** The root layout stays a server component; only the provider inside it is client code. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  )
}
// #endregion layout
