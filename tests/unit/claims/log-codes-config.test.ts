import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import type { AuthOptions } from 'next-auth'
import type { Provider } from 'next-auth/providers/index'
import CredentialsProvider from 'next-auth/providers/credentials'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'
import {
  Browser,
  callAuth,
  loadAuthHandler,
  setEnv,
  tracedOptions,
  useEnv,
} from './next-auth-harness'
import {
  callPagesRoute,
  capturePrinted,
  chapterLogBlocks,
  expectShownInChapter,
} from './log-codes-support'

const CONFIG_MESSAGE =
  'There is a problem with the server configuration. Check the server logs for more information.'

/** Options whose one provider is a hand-written Credentials object, as JavaScript allows. */
function handWritten(provider: Record<string, unknown>): AuthOptions {
  // why: the object is what a JavaScript app can write; TypeScript's Provider type rejects it.
  const providers = [{ id: 'login', name: 'Login', type: 'credentials', ...provider } as never]
  return { ...tracedOptions().options, providers }
}

describeChapter('pages/guide/log-codes.mdx', () => {
  useEnv({ NEXTAUTH_URL: 'http://localhost:3000', NEXTAUTH_SECRET: undefined })

  let logs: ReturnType<typeof capturePrinted>
  beforeEach(() => {
    logs = capturePrinted()
  })
  afterEach(() => logs.restore())

  claim(
    'log-codes-error-format',
    "An error in the server log is [next-auth][error][CODE], then a link to the code's entry in NextAuth's own documentation, the message, and the error with its stack trace.",
    () => {
      it('prints the code, the link, the message and the error with its stack', async () => {
        await callAuth(tracedOptions({ session: { strategy: 'database' } }).options, {
          path: '/api/auth/session',
        })
        const [first, second, third] = logs.error('CALLBACK_CREDENTIALS_JWT_ERROR').split('\n')
        expect(first?.trimEnd()).toBe('[next-auth][error][CALLBACK_CREDENTIALS_JWT_ERROR]')
        expect(second).toMatch(
          /^https:\/\/next-auth\.js\.org\/errors#callback_credentials_jwt_error Signin in with credentials only supported if JWT strategy is enabled UnsupportedStrategy \[UnsupportedStrategyError\]: /,
        )
        expect(third).toMatch(/^ {4}at assertConfig \(/)
      })
    },
  )

  claim(
    'log-codes-warn-format',
    'A warning is [next-auth][warn][CODE] and the link, with no message at all.',
    () => {
      it('prints a warning as its code and its link, nothing else', async () => {
        const { secret: _none, ...options } = tracedOptions().options
        await callAuth(options, { path: '/api/auth/session' }, loadAuthHandler({ fresh: true }))
        expect(logs.warnings()).toEqual([
          '[next-auth][warn][NO_SECRET] \nhttps://next-auth.js.org/warnings#no_secret',
        ])
      })
    },
  )

  claim(
    'log-codes-blocks-printed',
    'The log blocks below show the first lines exactly as Node.js prints them.',
    () => {
      it('has one log block per code, each checked against what the library prints', () => {
        // why: each test below compares what it made the library print with the block for its
        // code (expectShownInChapter); this one makes sure no block escapes that comparison.
        const codes = chapterLogBlocks().map((lines) => lines[0])
        expect(codes).toEqual([
          '[next-auth][error][NO_SECRET]',
          '[next-auth][error][CALLBACK_CREDENTIALS_JWT_ERROR]',
          '[next-auth][error][CALLBACK_CREDENTIALS_HANDLER_ERROR]',
          '[next-auth][error][MISSING_NEXTAUTH_API_ROUTE_ERROR]',
          '[next-auth][error][INVALID_CALLBACK_URL_ERROR]',
          '[next-auth][warn][NEXTAUTH_URL]',
          '[next-auth][error][JWT_SESSION_ERROR]',
          '[next-auth][error][CLIENT_FETCH_ERROR]',
        ])
      })
    },
  )

  claim(
    'log-codes-logger-option',
    'With a logger in your NextAuth options, NextAuth calls its error(code, metadata) and warn(code) instead of printing, so the same codes reach your log service.',
    () => {
      it('hands codes and errors to the logger option and prints nothing', async () => {
        const seen: string[] = []
        const logger = {
          error: (code: string, metadata: unknown) =>
            seen.push(`${code}: ${(metadata as Error).message}`),
          warn: (code: string) => seen.push(code),
        }
        const { secret: _none, ...options } = tracedOptions({ logger }).options
        const handler = loadAuthHandler({ fresh: true })
        await callAuth(options, { path: '/api/auth/session' }, handler)
        const database = { ...options, session: { strategy: 'database' as const } }
        await callAuth(database, { path: '/api/auth/session' }, handler)
        expect(seen).toEqual([
          'NO_SECRET',
          'CALLBACK_CREDENTIALS_JWT_ERROR: Signin in with credentials only supported if JWT strategy is enabled',
        ])
        expect([...logs.errors(), ...logs.warnings()]).toEqual([])
      })
    },
  )

  claim(
    'log-codes-config-every-request',
    'When it finds one of the mistakes below, it handles nothing else: it logs the code, its JSON endpoints answer 500 with "There is a problem with the server configuration. Check the server logs for more information.", and its own pages show a "Server error" page, or redirect to your pages.error with error=Configuration. A mistake in the options is therefore logged on every request.',
    () => {
      it('logs on every request, answers 500 JSON and a Server error page, and runs nothing', async () => {
        const { options, steps } = tracedOptions({ session: { strategy: 'database' } })
        const json = await callAuth(options, { path: '/api/auth/session' })
        const post = await callAuth(options, { method: 'POST', path: '/api/auth/callback/login' })
        const page = await callAuth(options, { path: '/api/auth/signin' })
        const withErrorPage = await callAuth(
          { ...options, pages: { error: '/oops' } },
          { path: '/api/auth/signin' },
        )

        expect(json).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
        expect(post).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
        expect(page.status).toBe(500)
        expect(page.body).toContain('<h1>Server error</h1>')
        expect(withErrorPage.location).toBe('/oops?error=Configuration')
        expect(logs.errorCodes()).toEqual(Array(4).fill('CALLBACK_CREDENTIALS_JWT_ERROR'))
        expect(steps()).toEqual([])
      })
    },
  )

  describe('NO_SECRET', () => {
    claim(
      'log-codes-no-secret-dev-warning',
      'In development the same omission prints only the warning [next-auth][warn][NO_SECRET], once, and sign-in still works.',
      () => {
        it('logs the NO_SECRET error in production, in the form the chapter shows', async () => {
          const restore = setEnv({ NODE_ENV: 'production' })
          try {
            const { secret: _none, ...options } = tracedOptions().options
            await callAuth(options, { path: '/api/auth/session' })
          } finally {
            restore()
          }
          expectShownInChapter(logs.error('NO_SECRET'))
        })

        it('only warns, once, outside production, and signs in', async () => {
          const { secret: _none, ...options } = tracedOptions().options
          const browser = new Browser(options, { handler: loadAuthHandler({ fresh: true }) })
          // why: the first request of a process completes the providers in the options, and the
          // secret NextAuth derives from them changes once; a real app's first request is a
          // session read from SessionProvider as well.
          await browser.session()
          await browser.signIn()
          const { body } = await browser.session()

          expect(body).toMatchObject({ user: { email: 'ada@example.com' } })
          expect(logs.warningCodes()).toEqual(['NO_SECRET'])
          expect(logs.errors()).toEqual([])
        })
      },
    )
  })

  claim(
    'log-codes-database-strategy',
    'NextAuth keeps Credentials sessions only in a JWT, so it refuses the configuration.',
    () => {
      it('refuses database sessions with only Credentials providers, as the chapter prints it', async () => {
        const { options } = tracedOptions({ session: { strategy: 'database' } })
        const browser = new Browser(options)
        expect((await browser.signIn({}, { csrfToken: 'none' })).status).toBe(500)
        expectShownInChapter(logs.error('CALLBACK_CREDENTIALS_JWT_ERROR'))
      })
    },
  )

  claim(
    'log-codes-missing-authorize',
    "A provider written as a plain object with type: 'credentials' has no authorize function, for instance because it is spelled authorise. TypeScript rejects such an object, so this is mostly met in JavaScript.",
    () => {
      it('refuses a hand-written Credentials provider whose authorize is misspelt', async () => {
        const options = handWritten({ credentials: {}, authorise: () => null })
        const answer = await callAuth(options, { path: '/api/auth/session' })

        expect(answer.status).toBe(500)
        expectShownInChapter(logs.error('CALLBACK_CREDENTIALS_HANDLER_ERROR'))
      })

      it('is an object that TypeScript rejects', () => {
        // why: the check is the type checker's: `npm run typecheck` fails on an unused directive.
        // @ts-expect-error -- the point: a Credentials provider without authorize() does not type-check
        const provider: Provider = {
          id: 'login',
          name: 'Login',
          type: 'credentials',
          credentials: {},
        }
        expect(provider.type).toBe('credentials')
      })
    },
  )

  claim(
    'log-codes-provider-default-authorize',
    'CredentialsProvider() never causes it: when you leave out authorize, it supplies one that returns null. Every sign-in then fails with CredentialsSignin, and nothing is logged.',
    () => {
      it('fails every sign-in with CredentialsSignin, silently, when CredentialsProvider has no authorize', async () => {
        // why: the options a reader who forgot authorize() writes; its type requires one.
        const provider = CredentialsProvider({ credentials: {} } as never)
        const browser = new Browser({ ...tracedOptions().options, providers: [provider] })

        const answer = await browser.signIn({}, { providerId: 'credentials' })

        expect(answer.status).toBe(401)
        expect(answer.body).toEqual({
          url: 'http://localhost:3000/api/auth/error?error=CredentialsSignin&provider=credentials',
        })
        expect([...logs.errors(), ...logs.warnings()]).toEqual([])
      })
    },
  )

  claim(
    'log-codes-missing-route',
    'A route file called [...auth].ts passes the same path under another name, so NextAuth finds no action and answers every request with the configuration 500.',
    () => {
      it('answers 500 and logs MISSING_NEXTAUTH_API_ROUTE_ERROR from a route named [...auth]', async () => {
        const { options } = tracedOptions()
        const session = await callPagesRoute({ auth: ['session'] }, options)
        const signin = await callPagesRoute({ auth: ['signin'] }, options)

        expect(session).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
        expect(signin).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
        expectShownInChapter(logs.error('MISSING_NEXTAUTH_API_ROUTE_ERROR'))
      })
    },
  )

  claim(
    'log-codes-route-without-dots',
    'A file called [nextauth].ts, without the dots, logs nothing: each request answers 400 with "Error: This action with HTTP GET is not supported by NextAuth.js".',
    () => {
      it('answers 400, and logs nothing, from a route named [nextauth]', async () => {
        const { options } = tracedOptions()
        const answer = await callPagesRoute({ nextauth: 'session' }, options)

        expect(answer).toEqual(
          expect.objectContaining({
            status: 400,
            body: 'Error: This action with HTTP GET is not supported by NextAuth.js',
          }),
        )
        expect(logs.errors()).toEqual([])
        expect((await callPagesRoute({ nextauth: ['session'] }, options)).status).toBe(200)
      })
    },
  )

  claim(
    'log-codes-invalid-callback-url',
    'NextAuth refuses that one request with the configuration error; the same request with /dashboard works.',
    () => {
      it('refuses callbackUrl=dashboard and javascript: URLs, and accepts /dashboard', async () => {
        const { options } = tracedOptions()
        const bare = await callAuth(options, { path: '/api/auth/signin?callbackUrl=dashboard' })
        const script = await callAuth(options, {
          path: '/api/auth/session?callbackUrl=javascript:alert(1)',
        })
        const slash = await callAuth(options, { path: '/api/auth/signin?callbackUrl=/dashboard' })

        expect(bare.status).toBe(500)
        expect(bare.body).toContain('<h1>Server error</h1>')
        expect(script).toMatchObject({ status: 500, body: { message: CONFIG_MESSAGE } })
        expect(slash.status).toBe(200)
        expect(logs.errorCodes()).toEqual(Array(2).fill('INVALID_CALLBACK_URL_ERROR'))
        expectShownInChapter(logs.error('INVALID_CALLBACK_URL_ERROR'))
      })
    },
  )

  claim(
    'log-codes-email-only',
    'EMAIL_REQUIRES_ADAPTER_ERROR ("E-mail login requires an adapter.") and MISSING_ADAPTER_METHODS_ERROR come from the same checks, but NextAuth makes them only when an Email provider is in the list: Credentials providers need no adapter.',
    () => {
      it('asks for an adapter only once an Email provider is added', async () => {
        const { options } = tracedOptions()
        expect((await callAuth(options, { path: '/api/auth/session' })).status).toBe(200)
        expect(logs.errors()).toEqual([])

        // why: the Email provider's module needs nodemailer; its type is all the check reads.
        const email = { id: 'email', type: 'email', name: 'Email' } as never
        const withEmail = { ...options, providers: [...options.providers, email] }
        await callAuth(withEmail, { path: '/api/auth/session' })
        await callAuth({ ...withEmail, adapter: {} }, { path: '/api/auth/session' })

        expect(logs.errorCodes()).toEqual([
          'EMAIL_REQUIRES_ADAPTER_ERROR',
          'MISSING_ADAPTER_METHODS_ERROR',
        ])
        expect(logs.errors()[0]).toContain('E-mail login requires an adapter.')
      })
    },
  )

  describe('warnings', () => {
    useEnv({ NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: undefined, VERCEL: undefined })

    /** The warnings of a fresh server process over `requests` session reads. */
    async function warningsOf(options: AuthOptions, requests = 1) {
      const handler = loadAuthHandler({ fresh: true })
      for (let i = 0; i < requests; i++) {
        await callAuth(options, { path: '/api/auth/session' }, handler)
      }
      return logs.warningCodes()
    }

    claim(
      'log-codes-warnings-once',
      'NextAuth prints its warnings on the first request a server process handles, and never again until the process restarts.',
      () => {
        it('prints them on the first request only', async () => {
          const { secret: _none, ...options } = tracedOptions({ debug: true }).options
          expect(await warningsOf(options, 3)).toEqual([
            'NEXTAUTH_URL',
            'NO_SECRET',
            'DEBUG_ENABLED',
          ])
          expectShownInChapter(logs.warnings()[0] ?? '')
        })
      },
    )

    claim(
      'log-codes-warn-nextauth-url',
      'NEXTAUTH_URL | NEXTAUTH_URL is not set, and neither VERCEL nor AUTH_TRUST_HOST is',
      () => {
        it('warns without NEXTAUTH_URL, and not with VERCEL or AUTH_TRUST_HOST', async () => {
          const { options } = tracedOptions()
          expect(await warningsOf(options)).toEqual(['NEXTAUTH_URL'])
          for (const env of [{ VERCEL: '1' }, { AUTH_TRUST_HOST: 'true' }]) {
            logs.warnings().length = 0
            const restore = setEnv(env)
            try {
              expect(await warningsOf(options)).toEqual([])
            } finally {
              restore()
            }
          }
        })
      },
    )

    claim(
      'log-codes-warn-no-secret',
      'NO_SECRET | no secret is set and NODE_ENV is not production',
      () => {
        it('warns about the secret only without one', async () => {
          process.env.NEXTAUTH_URL = 'http://localhost:3000'
          const { options } = tracedOptions()
          expect(await warningsOf(options)).toEqual([])
          const { secret: _none, ...withoutSecret } = options
          expect(await warningsOf(withoutSecret)).toEqual(['NO_SECRET'])
        })
      },
    )

    claim('log-codes-warn-debug', 'DEBUG_ENABLED | the options say debug: true', () => {
      it('warns about debug only when it is on', async () => {
        process.env.NEXTAUTH_URL = 'http://localhost:3000'
        const { options } = tracedOptions({ debug: true })
        expect(await warningsOf(options)).toEqual(['DEBUG_ENABLED'])
      })
    })

    claim(
      'log-codes-no-url-check',
      'No warning checks the value itself: a NEXTAUTH_URL on the wrong host, or with a path that is not where your route lives, is accepted in silence.',
      () => {
        it('says nothing about a NEXTAUTH_URL on another host with a path', async () => {
          process.env.NEXTAUTH_URL = 'https://wrong.example.com/somewhere/else'
          expect(await warningsOf(tracedOptions().options)).toEqual([])
          expect(logs.errors()).toEqual([])
        })
      },
    )
  })

  claim(
    'log-codes-no-experimental-api',
    'Older answers online mention an EXPERIMENTAL_API warning. next-auth 4.24.15 no longer has it.',
    () => {
      it('finds no EXPERIMENTAL_API in any file of the installed next-auth 4.24.15', () => {
        const root = dirname(createRequire(import.meta.url).resolve('next-auth'))
        const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
          version: string
        }
        const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
          (file) => /\.(js|ts|tsx)$/.test(file) && !file.includes('node_modules'),
        )
        const mentions = files.filter((file) =>
          readFileSync(join(root, file), 'utf8').includes('EXPERIMENTAL_API'),
        )
        expect(version).toBe('4.24.15')
        expect(files.length).toBeGreaterThan(100)
        expect(mentions).toEqual([])
      })
    },
  )
})
