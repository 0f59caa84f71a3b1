// In your app these live in your NextAuth options: authorize in CredentialsProvider({ ... }),
// the rest under `callbacks`. Edit any of them and press "Sign in" to see what changes.
import type { Authorize, Callbacks } from './credentials-flow-model'

/** The pretend backend's one account (the handbook's demo account). */
const DEMO = {
  id: 'demo-user',
  name: 'Demo Reader',
  email: 'demo@example.com',
  password: 'handbook demo password',
  role: 'reader',
}

/** Checks the credentials. null means "wrong email or password"; a throw is any other failure. */
export const authorize: Authorize = async (credentials) => {
  // The scenario field lets you force each branch, as the handbook's live lab does.
  if (credentials.scenario === 'authorize-returns-null') return null
  if (credentials.scenario === 'authorize-throws') throw new Error('lab_scenario_error')
  const matches = credentials.email === DEMO.email && credentials.password === DEMO.password
  if (!matches) return null
  return { id: DEMO.id, name: DEMO.name, email: DEMO.email, role: DEMO.role }
}

/** The callbacks; `baseUrl` is your site's origin (NEXTAUTH_URL). */
export function createCallbacks(baseUrl: string): Partial<Callbacks> {
  return {
    // After authorize() returned a user: true goes on, false refuses, a URL sends elsewhere.
    async signIn({ credentials }) {
      if (credentials.scenario === 'signin-returns-false') return false
      if (credentials.scenario === 'signin-returns-url') {
        return `${baseUrl}/lab#signin-returned-a-url`
      }
      return true
    },

    // `user` is there only on sign-in: the one chance to copy it into the token.
    async jwt({ token, user }) {
      if (user) return { ...token, id: user.id, role: user.role }
      return token
    },

    // What the browser may see of the token.
    async session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.id, role: token.role } }
    },
  }
}
