import { expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import { signInFromPage, useEnv } from './next-auth-harness'

describeChapter('pages/index.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  claim(
    'home-sign-in-requests',
    'The three callbacks that shape a session, signIn, jwt and session, the order they run in, and which of the four HTTP requests of a sign-in they run in.',
    () => {
      it('signs in with four requests, signIn and jwt running in the third, jwt and session in the fourth', async () => {
        const { stepsByRequest } = await signInFromPage()

        const callbacks = stepsByRequest.map(({ steps }) =>
          steps.filter((step) => step === 'signIn' || step === 'jwt' || step === 'session'),
        )
        expect(callbacks).toEqual([[], [], ['signIn', 'jwt'], ['jwt', 'session']])
      })
    },
  )
})
