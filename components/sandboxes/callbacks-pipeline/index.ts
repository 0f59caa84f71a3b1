import type { SandboxDefinition } from '@/components/sandpack'

import app from './App.tsx?raw'
import callbacks from './callbacks.ts?raw'
import model from './credentials-flow-model.ts?raw'
import styles from './styles.css?raw'

/** Sandbox 2: edit authorize() and the callbacks, and watch the order they run in. */
export const callbacksPipelineSandbox: SandboxDefinition = {
  title: 'The callbacks of a Credentials sign-in, in order',
  template: 'react-ts',
  activeFile: '/callbacks.ts',
  model: '/credentials-flow-model.ts',
  files: {
    '/callbacks.ts': { code: callbacks },
    '/App.tsx': { code: app },
    '/credentials-flow-model.ts': { code: model, readOnly: true },
    '/styles.css': { code: styles, hidden: true },
  },
}
