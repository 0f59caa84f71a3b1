import { useSession } from 'next-auth/react'

/** For editors only: middleware.ts sends everyone else to the sign-in page first. */
export default function Editor() {
  const { data: session } = useSession()
  return (
    <main>
      <h1>Editor's desk</h1>
      <p>Welcome, {session?.user.name ?? 'editor'}. Readers are sent to the sign-in page.</p>
    </main>
  )
}
