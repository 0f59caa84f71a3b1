import { getToken } from 'next-auth/jwt'
import { describe, expect, it } from 'vitest'

import { sessionCookieName, siteCookies } from '@/lib/auth/cookies'

import { Browser, SECRET, tracedOptions, useEnv } from './claims/next-auth-harness'

const HTTPS_SITE = 'https://handbook.example'

/** Every Set-Cookie line the real NextAuth sends through a sign-in, a session read and a sign-out. */
async function cookiesOfAWholeVisit(browser: Browser): Promise<string[]> {
  const csrf = await browser.request({ path: '/api/auth/csrf' })
  const { csrfToken } = csrf.body as { csrfToken: string }
  const lines = [...csrf.setCookie]
  const signedIn = await browser.signIn(undefined, { callbackUrl: `${HTTPS_SITE}/lab`, csrfToken })
  lines.push(...signedIn.setCookie)
  lines.push(...(await browser.session()).setCookie)
  const signedOut = await browser.request({
    method: 'POST',
    path: '/api/auth/signout',
    body: { csrfToken: await browser.csrfToken(), json: 'true' },
  })
  lines.push(...signedOut.setCookie)
  return lines
}

describe('siteCookies, NextAuth’s cookies option for the site', () => {
  describe('over https', () => {
    useEnv({ NEXTAUTH_URL: HTTPS_SITE, NEXTAUTH_SECRET: undefined })

    it('makes NextAuth set only __Host- cookies: Secure, Path=/, no Domain', async () => {
      const { options } = tracedOptions({ cookies: siteCookies(HTTPS_SITE) })
      const lines = await cookiesOfAWholeVisit(new Browser(options))
      const names = lines.map((line) => line.split('=')[0])
      expect(names).toEqual(
        expect.arrayContaining([
          '__Host-next-auth.csrf-token',
          '__Host-next-auth.callback-url',
          '__Host-next-auth.session-token',
        ]),
      )
      for (const line of lines) {
        expect(line, line).toMatch(/^__Host-/)
        const attributes = line.split('; ').slice(1)
        expect(attributes, line).toEqual(expect.arrayContaining(['Path=/', 'Secure', 'HttpOnly']))
        expect(
          attributes.some((attribute) => /^Domain=/i.test(attribute)),
          line,
        ).toBe(false)
      }
    })

    it('names the session cookie so that getToken finds it', async () => {
      const { options } = tracedOptions({ cookies: siteCookies(HTTPS_SITE) })
      const browser = new Browser(options)
      await browser.signIn()
      const name = sessionCookieName(HTTPS_SITE)
      expect(name).toBe('__Host-next-auth.session-token')
      const cookies = Object.fromEntries(browser.jar)
      const token = await getToken({
        req: { cookies, headers: {} } as never,
        secret: SECRET,
        cookieName: name,
      })
      expect(token?.sub).toBe('user-1')
    })

    it('without it, NextAuth’s defaults leave the session and callback-url cookies __Secure-', async () => {
      // why: the control, so the test above cannot pass on NextAuth's defaults.
      const { options } = tracedOptions()
      const names = (await cookiesOfAWholeVisit(new Browser(options))).map((l) => l.split('=')[0])
      expect(names).toContain('__Secure-next-auth.session-token')
    })
  })

  it('leaves NextAuth’s defaults alone on plain http, where prefixes cannot apply', () => {
    expect(siteCookies('http://localhost:3000')).toBeUndefined()
    expect(sessionCookieName('http://localhost:3000')).toBe('next-auth.session-token')
  })
})
