import { rmSync } from 'node:fs'

import type { TestProject } from 'vitest/node'

import { buildAppRouterApp } from '../support/app-router-app'
import type { ProvidedWholeApp } from './built-app'

declare module 'vitest' {
  export interface ProvidedContext {
    appRouterApp: ProvidedWholeApp
  }
}

/** Builds the App Router twin once, as global-setup.ts builds the reference app. */
export default async function setup(project: TestProject) {
  try {
    const { workDir, appDir, buildOutput } = await buildAppRouterApp()
    project.provide('appRouterApp', { appDir, buildOutput } satisfies ProvidedWholeApp)
    return () => rmSync(workDir, { recursive: true, force: true })
  } catch (error) {
    // why: as in global-setup.ts, the failure goes to the suite that needs the app.
    const buildOutput = error instanceof Error ? error.message : String(error)
    project.provide('appRouterApp', { appDir: null, buildOutput })
    return undefined
  }
}
