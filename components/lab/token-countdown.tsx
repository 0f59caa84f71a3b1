import { useSession } from 'next-auth/react'
import { useEffect, useState } from 'react'

import { CountdownBox } from './countdown-box'
import styles from './lab.module.css'

/**
 * The reader's own access token, counting down: when it reaches the refresh margin, the next
 * session read runs `jwt`, which trades the refresh token for a new pair.
 */
export function TokenCountdown() {
  const { data: session, status, update } = useSession()
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000)
    return () => clearInterval(timer)
  }, [])

  if (status !== 'authenticated' || !session.accessTokenExpires) {
    return (
      <CountdownBox>
        <p className={styles.hint}>Sign in with the lab to see your access token count down.</p>
      </CountdownBox>
    )
  }
  const secondsLeft = Math.max(0, Math.round((session.accessTokenExpires - now) / 1000))
  return (
    <CountdownBox>
      <p>
        Your backend access token expires in{' '}
        <strong data-testid="token-seconds-left">{secondsLeft}</strong> s.
      </p>
      <button className={styles.button} type="button" onClick={() => void update()}>
        Read the session now
      </button>
    </CountdownBox>
  )
}
