/**
 * ⚠️ A MODEL, NOT NEXT-AUTH. This file stands in for `SessionProvider` and `useSession` from
 * 'next-auth/react' so the sandbox runs without a server. It hands your components the objects
 * next-auth 4.24 hands them; the handbook's tests render the real SessionProvider and this one
 * with the same sessions and require the same values. In your app:
 * import { SessionProvider, useSession } from 'next-auth/react'.
 */
import type { ReactNode } from 'react'
import { createContext, useContext, useEffect, useMemo, useState } from 'react'

/** The session this handbook's site sends (its session callback decides the shape). */
export type Session = {
  user: { id: string; name: string | null; email: string | null; role?: 'reader' | 'editor' }
  expires: string
  accessTokenExpires?: number
  error?: 'RefreshAccessTokenError'
}

// why: next-auth's own types say `data: null` while loading; at run time it is `undefined`.
export type SessionContextValue =
  | { data: undefined; status: 'loading'; update: UpdateSession }
  | { data: null; status: 'unauthenticated'; update: UpdateSession }
  | { data: Session; status: 'authenticated'; update: UpdateSession }
  | { data: Session | null; status: 'loading'; update: UpdateSession }

type UpdateSession = (data?: unknown) => Promise<Session | null | undefined>

const EIGHT_HOURS_MS = 8 * 60 * 60 * 1000

/** A session as the site's GET /api/auth/session returns it for the demo account. */
export function demoSession(): Session {
  return {
    user: { id: 'demo-user', name: 'Demo Reader', email: 'demo@example.com', role: 'reader' },
    expires: new Date(Date.now() + EIGHT_HOURS_MS).toISOString(),
    accessTokenExpires: Date.now() + 15 * 60 * 1000,
  }
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined)

/**
 * Like the real one given a `session` prop: undefined means "not fetched yet" (loading), null
 * means signed out, an object means signed in. The real one then fetches /api/auth/session;
 * this one has no server, so it keeps what you gave it.
 */
export function SessionProvider(props: { session?: Session | null; children: ReactNode }) {
  const [session, setSession] = useState(props.session)
  const [loading, setLoading] = useState(props.session === undefined)

  const value = useMemo(
    () =>
      ({
        data: session,
        status: loading ? 'loading' : session ? 'authenticated' : 'unauthenticated',
        // why: the real update() sets status to 'loading' while it posts; pages see that too.
        async update() {
          if (loading || !session) return undefined
          setLoading(true)
          await new Promise((resolve) => setTimeout(resolve, 600))
          const fresh = { ...session, expires: new Date(Date.now() + EIGHT_HOURS_MS).toISOString() }
          setLoading(false)
          setSession(fresh)
          return fresh
        },
      }) as SessionContextValue,
    [session, loading],
  )
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>
}

/**
 * `useSession()`: `{ data, status, update }`. With `required: true` a signed-out reader reads
 * as 'loading' and is sent away: to `onUnauthenticated()` if you give one, else to the sign-in
 * page, as the real one does.
 */
export function useSession(options?: {
  required?: boolean
  onUnauthenticated?: () => void
}): SessionContextValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('[next-auth]: `useSession` must be wrapped in a <SessionProvider />')
  const { required, onUnauthenticated } = options ?? {}
  const requiredAndNotLoading = required === true && value.status === 'unauthenticated'

  useEffect(() => {
    if (!requiredAndNotLoading) return
    const url = `/api/auth/signin?${new URLSearchParams({
      error: 'SessionRequired',
      callbackUrl: window.location.href,
    })}`
    if (onUnauthenticated) onUnauthenticated()
    else window.location.href = url
  }, [requiredAndNotLoading, onUnauthenticated])

  if (requiredAndNotLoading) return { data: value.data, update: value.update, status: 'loading' }
  return value
}
