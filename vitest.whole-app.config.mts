import { fileURLToPath } from 'node:url'

import { defineConfig } from 'vitest/config'

/**
 * `npm run test:whole-app`: builds the downloadable app with `next build` and signs in to it
 * over HTTP. Kept out of the unit run (vitest.config.mts) because the build takes a while.
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
    include: ['tests/whole-app/**/*.test.ts'],
    environment: 'node',
    hookTimeout: 300_000,
    testTimeout: 60_000,
  },
})
