import { useState } from 'react'

import { AccountPage } from './AccountPage'
import { demoSession, SessionProvider, useSession } from './next-auth-react-model'
import type { Session } from './next-auth-react-model'

type State = 'loading' | 'unauthenticated' | 'authenticated'

/** What SessionProvider is given for each state: not fetched yet, signed out, signed in. */
const SESSION_FOR: Record<State, () => Session | null | undefined> = {
  loading: () => undefined,
  unauthenticated: () => null,
  authenticated: demoSession,
}

/** The object your components get from useSession(), as JSON (update is a function). */
function RawValue() {
  const { data, status } = useSession()
  return <pre>{JSON.stringify({ data, status }, null, 2) ?? 'undefined'}</pre>
}

export default function App() {
  const [state, setState] = useState<State>('loading')

  return (
    <main>
      <fieldset>
        <legend>The session is…</legend>
        {(Object.keys(SESSION_FOR) as State[]).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="state"
              checked={state === value}
              onChange={() => setState(value)}
            />
            {value}
          </label>
        ))}
      </fieldset>

      {/* key: a new provider for each state, as after a reload of the page */}
      <SessionProvider key={state} session={SESSION_FOR[state]()}>
        <h2>What the page renders</h2>
        <AccountPage />
        <h2>What useSession() returned</h2>
        <RawValue />
      </SessionProvider>
    </main>
  )
}
