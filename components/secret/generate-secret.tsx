import { useState } from 'react'

import styles from './secret.module.css'

/** 32 random bytes as base64, like `openssl rand -base64 32`, made in this browser. */
function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...bytes))
}

/**
 * Makes a secret in the reader's browser with the Web Crypto API. Nothing is sent anywhere:
 * the value exists only on this page until the reader copies it.
 */
export function GenerateSecret() {
  const [secret, setSecret] = useState('')
  return (
    <div className={styles.box}>
      <button className={styles.button} type="button" onClick={() => setSecret(randomSecret())}>
        Generate a secret
      </button>
      <output className={styles.value} aria-live="polite" data-testid="generated-secret">
        {secret || 'Press the button: 32 random bytes will appear here, base64-encoded.'}
      </output>
    </div>
  )
}
