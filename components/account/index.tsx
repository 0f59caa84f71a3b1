import dynamic from 'next/dynamic'

/** Client-only: a static page can only check the session in the browser. */
export const AccountDetails = dynamic(
  () => import('./account-details').then((m) => m.AccountDetails),
  {
    ssr: false,
    loading: () => <p style={{ minHeight: '6rem' }}>Checking your session…</p>,
  },
)
