import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, it } from 'vitest'

import { claim, describeChapter } from '../../support/claims'

const require = createRequire(import.meta.url)

describeChapter('pages/guide/app-router.mdx', () => {
  claim(
    'app-router-next-auth-react-not-client',
    "next-auth v4 does not mark next-auth/react with 'use client' itself, and its SessionProvider keeps the session in React state.",
    () => {
      it("has no 'use client' directive at the top of next-auth/react's entry file", () => {
        const entry = require.resolve('next-auth/react')
        const firstStatement = readFileSync(entry, 'utf8').trimStart().split('\n')[0]
        expect(firstStatement).toBe('"use strict";')
        expect(readFileSync(entry, 'utf8')).not.toMatch(/^\s*["']use client["']/m)
      })

      it('calls useState while rendering, which the React of server components does not have', async () => {
        const { SessionProvider } = await import('next-auth/react')
        const source = SessionProvider.toString()
        expect(source).toMatch(/React\.useState/)
        // Rendered where useState exists (the browser's React, here on the server), it works.
        expect(
          renderToStaticMarkup(
            createElement(SessionProvider, { session: null, children: 'inside' }),
          ),
        ).toBe('inside')
        // The build of React that Next.js 15 runs server components with has no useState.
        const serverReact = require('next/dist/compiled/react/react.react-server.js') as Record<
          string,
          unknown
        >
        expect(serverReact.useState).toBeUndefined()
      })
    },
  )
})
