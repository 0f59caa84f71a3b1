import type { JWT } from 'next-auth/jwt'
import { expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import { ADA, Browser, callsOf, tracedOptions, useEnv } from './next-auth-harness'

describeChapter('pages/guide/typescript.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  claim(
    'typescript-jwt-fields-optional',
    'Fields in JWT are optional, because the token starts without them. At sign-in jwt receives a token holding only name, email, picture and sub; every later call receives the token the previous one returned, so a field is there only once your jwt has added it, and only for as long as it keeps it.',
    () => {
      /** jwt as the chapter writes it, which drops the access token on the read it is told to. */
      function traceJwt() {
        const reads = { dropOnNext: false }
        const traced = tracedOptions({
          callbacks: {
            jwt: ({ token, user }) => {
              if (user) return { ...token, accessToken: user.accessToken }
              if (reads.dropOnNext) return { ...token, accessToken: undefined }
              return token
            },
          },
        })
        const tokensSeen = () => callsOf(traced.trace, 'jwt').map((call) => call.token as JWT)
        return { ...traced, reads, tokensSeen }
      }

      it('hands jwt a token with only name, email, picture and sub at sign-in', async () => {
        const { options, tokensSeen } = traceJwt()
        await new Browser(options).signIn()

        expect(tokensSeen()).toEqual([
          { name: ADA.name, email: ADA.email, picture: ADA.image, sub: ADA.id },
        ])
      })

      it('hands every later call what the previous one returned, added fields and dropped ones alike', async () => {
        const { options, reads, tokensSeen } = traceJwt()
        const browser = new Browser(options)
        await browser.signIn()

        await browser.session()
        reads.dropOnNext = true
        await browser.session()
        reads.dropOnNext = false
        await browser.session()

        const [, afterSignIn, beforeDrop, afterDrop] = tokensSeen()
        expect(afterSignIn).toMatchObject({ accessToken: ADA.accessToken, sub: ADA.id })
        expect(beforeDrop).toMatchObject({ accessToken: ADA.accessToken })
        expect(afterDrop).not.toHaveProperty('accessToken')
      })
    },
  )
})
