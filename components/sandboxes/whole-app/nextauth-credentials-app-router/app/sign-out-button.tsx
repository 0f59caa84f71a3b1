'use client'

import { signOut } from 'next-auth/react'

/** signOut() posts to /api/auth/signout from the browser, which deletes the cookie. */
export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: '/sign-in' })}>
      Sign out
    </button>
  )
}
