import type { SandboxDefinition } from '@/components/sandpack'

import accountPage from './AccountPage.tsx?raw'
import app from './App.tsx?raw'
import model from './next-auth-react-model.tsx?raw'
import styles from './styles.css?raw'

/** Sandbox 3: the three states of useSession() and what a page renders in each. */
export const useSessionStatesSandbox: SandboxDefinition = {
  title: 'What a page renders for each useSession() status',
  template: 'react-ts',
  activeFile: '/AccountPage.tsx',
  model: '/next-auth-react-model.tsx',
  files: {
    '/AccountPage.tsx': { code: accountPage },
    '/App.tsx': { code: app },
    '/next-auth-react-model.tsx': { code: model, readOnly: true },
    '/styles.css': { code: styles, hidden: true },
  },
}
