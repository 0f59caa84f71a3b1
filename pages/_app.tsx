import type { AppProps } from 'next/app'
import type { Session } from 'next-auth'
import { SessionProvider } from 'next-auth/react'

import '@/components/global.css'

type PageProps = { session?: Session | null }

/**
 * Every page sits inside next-auth's `SessionProvider`, so any chapter (and the navbar) can call
 * `useSession()` and see the reader who signed in through the live lab.
 */
export default function App({ Component, pageProps }: AppProps<PageProps>) {
  return (
    <SessionProvider session={pageProps.session}>
      <Component {...pageProps} />
    </SessionProvider>
  )
}
