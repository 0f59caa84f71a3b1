import { fileURLToPath } from 'node:url'

import { defineConfig } from 'vitest/config'

/**
 * `npm run test:whole-app`: builds the downloadable app with `next build` once (and its App
 * Router twin), then signs in to it over HTTP and drives it in Chromium against the demo backend;
 * and builds the site once with REPOSITORY_URL set, to check the links that setting brings.
 * Kept out of the unit run (vitest.config.mts) because the builds take a while.
 */
export default defineConfig({
  resolve: {
    alias: {
      '@reference-app': fileURLToPath(
        new URL('./components/sandboxes/whole-app/nextauth-credentials-app', import.meta.url),
      ),
      '@': fileURLToPath(new URL('.', import.meta.url)),
    },
  },
  test: {
    // why: a stray `.only` would silently skip the rest of the suite, on a laptop as in CI.
    allowOnly: false,
    include: ['tests/whole-app/**/*.test.ts'],
    // The App Router twin is built after the reference app, then the site itself with
    // REPOSITORY_URL set, one `next build` at a time.
    globalSetup: [
      'tests/whole-app/global-setup.ts',
      'tests/whole-app/app-router-setup.ts',
      'tests/whole-app/site-with-repository-setup.ts',
    ],
    environment: 'node',
    // why: a beforeAll starts up to three servers, each given 45 s (tests/support/spawn-server.ts).
    hookTimeout: 150_000,
    testTimeout: 60_000,
  },
})
