import type { SandboxDefinition } from '@/components/sandpack'

import app from './App.tsx?raw'
import model from './next-auth-model.ts?raw'
import styles from './styles.css?raw'

/** Sandbox 1: a log-in form that handles every outcome `signIn()` can resolve to. */
export const signInFormSandbox: SandboxDefinition = {
  title: 'A log-in form for every signIn() outcome',
  template: 'react-ts',
  activeFile: '/App.tsx',
  model: '/next-auth-model.ts',
  files: {
    '/App.tsx': { code: app },
    '/next-auth-model.ts': { code: model, readOnly: true },
    '/styles.css': { code: styles, hidden: true },
  },
}
