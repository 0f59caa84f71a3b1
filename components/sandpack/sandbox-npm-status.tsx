import { useErrorMessage, useSandpack } from '@codesandbox/sandpack-react'
import { useEffect, useState } from 'react'

import styles from './sandbox.module.css'

/**
 * How long the bundler may wait for its npm packages before the reader is told why the preview
 * is empty. A first install takes a few seconds even on a slow phone; Sandpack's own timeout
 * (two minutes, sandbox-player.tsx) would otherwise be the only message.
 */
export const NPM_STALLED_AFTER_MS = 20_000

/**
 * Whether an error is the bundler's when the npm CDNs did not answer: "Could not fetch
 * dependencies…" (its sandbox.*.js), or the browser's own words for a failed fetch.
 */
export const isNpmFetchError = (message: string | null) =>
  message !== null && /could not fetch dependencies|failed to fetch|networkerror/i.test(message)

type Phase = 'waiting' | 'installing' | 'stalled' | 'running'

/** The fields of Sandpack's messages this reads; each kind carries a few of them. */
type Message = {
  type: string
  status?: string
  compilatonError?: boolean
  data?: { state?: string }
}

/**
 * Messages the bundler sends while it fetches its packages. why: `dependencies` messages are
 * its install progress ("[1/3] Downloading manifest", "[2/3] Downloaded …"), and only the last
 * of them, `starting`, comes once every package has arrived.
 */
const installing = (message: Message) =>
  (message.type === 'status' && message.status === 'installing-dependencies') ||
  (message.type === 'dependencies' && message.data?.state !== 'starting')

/** Messages the bundler sends only once it has its packages: the install is over. */
const pastInstall = (message: Message) =>
  (message.type === 'dependencies' && message.data?.state === 'starting') ||
  (message.type === 'done' && message.compilatonError === false) ||
  (message.type === 'status' &&
    (message.status === 'transpiling' || message.status === 'evaluating'))

/**
 * Over the preview, a plain message when its npm packages do not arrive: the bundler (served by
 * the site) fetches React and the rest from CodeSandbox's packager, jsDelivr or unpkg, which a
 * company or school network may block. Shown when the bundler gives up on them, or when it has
 * waited NPM_STALLED_AFTER_MS for them; gone as soon as they arrive.
 */
export function SandboxNpmStatus() {
  const { listen } = useSandpack()
  const error = useErrorMessage()
  const [phase, setPhase] = useState<Phase>('waiting')

  useEffect(
    () =>
      listen((raw) => {
        const message = raw as Message
        if (pastInstall(message)) setPhase('running')
        // why: the wait is counted from the first progress message; later ones neither restart
        // it nor take back a notice already shown.
        else if (installing(message))
          setPhase((phase) => (phase === 'waiting' ? 'installing' : phase))
      }),
    [listen],
  )

  useEffect(() => {
    if (phase !== 'installing') return
    const timer = setTimeout(() => setPhase('stalled'), NPM_STALLED_AFTER_MS)
    return () => clearTimeout(timer)
  }, [phase])

  const failed = isNpmFetchError(error)
  if (!failed && phase !== 'stalled') return null
  return (
    <div className={styles.notice} role={failed ? 'alert' : 'status'}>
      <strong>
        {failed
          ? 'The preview could not download its npm packages'
          : 'The preview is still waiting for its npm packages'}
      </strong>
      <p>
        The code runs in your browser, and fetches React and the other packages it needs from a
        public npm CDN (CodeSandbox’s packager, jsDelivr or unpkg). Your network did not let them
        through{failed ? '' : ' yet'}. The code above still reads as written; on another network, or
        forked to CodeSandbox (<strong>Fork</strong>), it runs.
      </p>
    </div>
  )
}
