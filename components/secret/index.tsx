import dynamic from 'next/dynamic'

import styles from './secret.module.css'

const Placeholder = () => <div className={styles.box} aria-busy="true" />

export const GenerateSecret = dynamic(
  () => import('./generate-secret').then((m) => m.GenerateSecret),
  {
    ssr: false,
    loading: Placeholder,
  },
)

export const RotationDemo = dynamic(() => import('./rotation-demo').then((m) => m.RotationDemo), {
  ssr: false,
  loading: Placeholder,
})
