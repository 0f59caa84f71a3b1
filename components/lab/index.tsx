import { loadWhenNear } from '@/components/load-when-near'

import { CountdownBox } from './countdown-box'
import { LAB_LABEL } from './lab-label'

import styles from './lab.module.css'

/** Same box and region name as the lab, so nothing below it moves when the real thing arrives. */
function LabPlaceholder() {
  return (
    <section
      className={`${styles.lab} ${styles.signInLab}`}
      aria-label={LAB_LABEL}
      aria-busy="true"
    >
      <p className={styles.hint}>Loading the sign-in lab…</p>
    </section>
  )
}

/**
 * The live sign-in lab, loaded once the reader scrolls near it: it is interactive-only, and the
 * chapter text around it should not wait for it.
 */
export const SignInLab = loadWhenNear(
  () => import('./sign-in-lab').then((module) => module.SignInLab),
  LabPlaceholder,
)

const CountdownPlaceholder = () => <CountdownBox busy />

/** The access token's countdown, for the backend-tokens chapter. */
export const TokenCountdown = loadWhenNear(
  () => import('./token-countdown').then((module) => module.TokenCountdown),
  CountdownPlaceholder,
)
