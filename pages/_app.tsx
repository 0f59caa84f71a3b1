import type { AppProps } from 'next/app'
import type { Session } from 'next-auth'
import { SessionProvider } from 'next-auth/react'
import { useEffect } from 'react'

import '@/components/global.css'
// why: the lab, sandboxes and secret widgets draw placeholders on the server, so a chapter needs
// their styles for its first paint. Imported here they ship in the site's one stylesheet, where
// otherwise each such chapter would wait for a second, render-blocking one.
import '@/components/account/account.module.css'
import '@/components/lab/lab.module.css'
import '@/components/sandboxes/whole-app/whole-app.module.css'
import '@/components/sandpack/sandbox.module.css'
import '@/components/secret/secret.module.css'
import '@/components/trace/trace.module.css'
import { drawDeferredBlocks } from '@/lib/client/deferred-blocks'

type PageProps = { session?: Session | null }

/**
 * Every page sits inside next-auth's `SessionProvider`, so any chapter (and the navbar) can call
 * `useSession()` and see the reader who signed in through the live lab. Once the page has
 * hydrated, the blocks its first paint skipped are drawn while the browser is idle.
 */
export default function App({ Component, pageProps }: AppProps<PageProps>) {
  useEffect(drawDeferredBlocks, [])
  return (
    <SessionProvider session={pageProps.session}>
      <Component {...pageProps} />
    </SessionProvider>
  )
}
