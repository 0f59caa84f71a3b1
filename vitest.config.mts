import { fileURLToPath } from 'node:url'

import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@reference-app': fileURLToPath(
        new URL('./components/sandboxes/whole-app/nextauth-credentials-app', import.meta.url),
      ),
      '@': fileURLToPath(new URL('.', import.meta.url)),
    },
  },
  // why: tsconfig says `jsx: preserve` for Next, which compiles JSX with React's automatic
  // runtime; components rendered in a unit test need the same, or `React` is undefined.
  esbuild: { jsx: 'automatic' },
  test: {
    // why: a stray `.only` would silently skip the rest of the suite, on a laptop as in CI.
    allowOnly: false,
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
})
