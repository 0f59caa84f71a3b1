import { inject } from 'vitest'

/** What tests/whole-app/global-setup.ts hands every test file of the run. */
export type ProvidedWholeApp = {
  /** The app's folder, unzipped and built; null when `next build` failed. */
  appDir: string | null
  /** What the build printed, or why it could not run. */
  buildOutput: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    wholeApp: ProvidedWholeApp
  }
}

/** The built app of this run; throws with the build's output when it did not build. */
export function builtApp(): { appDir: string; buildOutput: string } {
  const { appDir, buildOutput } = inject('wholeApp')
  if (appDir === null) throw new Error(buildOutput)
  return { appDir, buildOutput }
}
