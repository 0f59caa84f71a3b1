import { rmSync } from 'node:fs'

import type { TestProject } from 'vitest/node'

import type { BuiltApp } from '../support/whole-app'
import { buildWholeApp } from '../support/whole-app'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The downloadable app, unzipped and built once for every test file of this run. */
    wholeApp: Pick<BuiltApp, 'appDir' | 'buildOutput'>
  }
}

/** Builds the app from its zip once; each test file starts the servers it needs from it. */
export default async function setup(project: TestProject) {
  const { workDir, appDir, buildOutput } = await buildWholeApp()
  project.provide('wholeApp', { appDir, buildOutput })
  return () => rmSync(workDir, { recursive: true, force: true })
}
