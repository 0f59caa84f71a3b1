// #region route
import NextAuth from 'next-auth'

import { authOptions } from '../../../lib/auth-options'

/** Every NextAuth endpoint: /api/auth/csrf, /api/auth/callback/login, /api/auth/session, … */
export default NextAuth(authOptions)
// #endregion route
