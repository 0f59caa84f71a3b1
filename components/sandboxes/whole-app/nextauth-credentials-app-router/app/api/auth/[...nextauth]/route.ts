// #region route
import NextAuth from 'next-auth'

import { authOptions } from '../../../../lib/auth-options'

/**
 * Every NextAuth endpoint, as an App Router route handler. next-auth v4 tells the two routers
 * apart by the second argument, so one handler answers both methods.
 */
const handler = NextAuth(authOptions)

export { handler as GET, handler as POST }
// #endregion route
