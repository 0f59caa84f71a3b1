import NextAuth from 'next-auth'

import { authOptions } from '../../../lib/auth-options'

/** Every NextAuth endpoint: /api/auth/csrf, /callback/credentials, /session, /signout, … */
export default NextAuth(authOptions)
