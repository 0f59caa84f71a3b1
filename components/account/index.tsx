import dynamic from 'next/dynamic'

import styles from './account.module.css'

/** Client-only: a static page can only check the session in the browser. */
export const AccountDetails = dynamic(
  () => import('./account-details').then((m) => m.AccountDetails),
  {
    ssr: false,
    loading: () => <p className={styles.box}>Checking your session…</p>,
  },
)
