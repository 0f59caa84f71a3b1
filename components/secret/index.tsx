import { loadWhenNear } from '@/components/load-when-near'

import styles from './secret.module.css'

const Placeholder = () => <div className={styles.box} aria-busy="true" />

/** Named like the live demo's region, so scrolling to it (which loads it) finds the same box. */
const RotationPlaceholder = () => (
  <div
    className={styles.box}
    role="region"
    aria-label="Secret rotation on your session"
    aria-busy="true"
  />
)

export const GenerateSecret = loadWhenNear(
  () => import('./generate-secret').then((m) => m.GenerateSecret),
  Placeholder,
)

export const RotationDemo = loadWhenNear(
  () => import('./rotation-demo').then((m) => m.RotationDemo),
  RotationPlaceholder,
)
