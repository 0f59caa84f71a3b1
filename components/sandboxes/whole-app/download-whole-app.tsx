import type { FormEvent } from 'react'
import { useCallback, useRef, useState } from 'react'

import styles from './whole-app.module.css'

/** Both are written by scripts/build-whole-app-zip.mjs before `next build`. */
export const WHOLE_APP_ZIP_URL = '/downloads/nextauth-credentials-app.zip'
const WHOLE_APP_MANIFEST_URL = '/downloads/nextauth-credentials-app.json'

// why: the same URL as DEFINE_API_URL in ./fork, written out so that this component does not
// import that module (and lz-string and zod with it) before a reader shows interest.
const DEFINE_API_URL = 'https://codesandbox.io/api/v1/sandboxes/define'

/**
 * The handbook's complete app, twice: as a zip to run locally, and as a form that opens it on
 * CodeSandbox. The fork's parameters are built from the same files as the zip, fetched when a
 * pointer or the keyboard reaches the button, so a page that never uses it pays nothing.
 */
export function DownloadWholeApp() {
  const parameters = useRef<Promise<string> | null>(null)
  const [state, setState] = useState<'idle' | 'opening' | 'failed'>('idle')

  const prepare = useCallback(() => {
    parameters.current ??= import('./fork').then((fork) =>
      fork.loadDefineParameters(WHOLE_APP_MANIFEST_URL),
    )
    // why: a failed attempt must not be cached, or the next click could never succeed.
    parameters.current.catch(() => (parameters.current = null))
    return parameters.current
  }, [])

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = event.currentTarget
    setState('opening')
    try {
      const field = form.elements.namedItem('parameters')
      if (!(field instanceof HTMLInputElement)) throw new Error('the form lost its field')
      field.value = await prepare()
      // why: submit() does not fire this handler again. The click's user activation still
      // holds, so the browser opens the new tab instead of blocking a pop-up.
      form.submit()
      setState('idle')
    } catch {
      setState('failed')
    }
  }

  return (
    <div className={styles.box}>
      <a className={`${styles.action} ${styles.primary}`} href={WHOLE_APP_ZIP_URL} download>
        Download the app (.zip)
      </a>
      <form
        className={styles.form}
        action={DEFINE_API_URL}
        method="POST"
        target="_blank"
        rel="noopener"
        onSubmit={handleSubmit}
      >
        <input type="hidden" name="parameters" />
        <button
          type="submit"
          className={styles.action}
          disabled={state === 'opening'}
          onPointerEnter={() => void prepare().catch(() => undefined)}
          onFocus={() => void prepare().catch(() => undefined)}
        >
          Open in CodeSandbox
        </button>
      </form>
      {state === 'failed' && (
        <p className={styles.problem} role="alert">
          The sandbox could not be prepared. Download the zip instead, or try again.
        </p>
      )}
    </div>
  )
}
