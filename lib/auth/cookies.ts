import type { CookieOption, CookiesOptions, NextAuthOptions } from 'next-auth'

/** NextAuth's cookies, by their key in its `cookies` option, and their base names. */
const NEXT_AUTH_COOKIES: Record<keyof CookiesOptions, string> = {
  sessionToken: 'next-auth.session-token',
  callbackUrl: 'next-auth.callback-url',
  csrfToken: 'next-auth.csrf-token',
  pkceCodeVerifier: 'next-auth.pkce.code_verifier',
  state: 'next-auth.state',
  nonce: 'next-auth.nonce',
}

/** NextAuth's default lifetime for the short-lived OAuth cookies, kept as it is. */
const FIFTEEN_MINUTES = 15 * 60

const isHttps = (nextauthUrl: string) => nextauthUrl.startsWith('https://')

/**
 * NextAuth's `cookies` option for this site. Over https every cookie is a `__Host-` cookie
 * (Secure, Path=/, no Domain): no other origin, not even a subdomain of the site such as the
 * sandboxes' bundler, can set or overwrite it. NextAuth's defaults give only the CSRF cookie
 * that prefix; the session and callback-url cookies are `__Secure-`, which a sibling origin
 * over https may still set for the parent domain. On plain http (local development) the
 * prefixes cannot apply, and NextAuth's defaults stand: `undefined`.
 */
export function siteCookies(nextauthUrl: string): NextAuthOptions['cookies'] | undefined {
  if (!isHttps(nextauthUrl)) return undefined
  const entries = Object.entries(NEXT_AUTH_COOKIES).map(([key, name]): [string, CookieOption] => {
    const shortLived = key === 'pkceCodeVerifier' || key === 'state'
    return [
      key,
      {
        name: `__Host-${name}`,
        options: {
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          secure: true,
          ...(shortLived ? { maxAge: FIFTEEN_MINUTES } : {}),
        },
      },
    ]
  })
  return Object.fromEntries(entries) as Partial<CookiesOptions>
}

/**
 * The name of the session cookie for a site at `nextauthUrl`, for `getToken({ cookieName })`:
 * getToken does not read the `cookies` option and would look for NextAuth's default name.
 */
export function sessionCookieName(nextauthUrl: string): string {
  return siteCookies(nextauthUrl)?.sessionToken?.name ?? NEXT_AUTH_COOKIES.sessionToken
}
