import { rmSync } from 'node:fs'

import type { TestProject } from 'vitest/node'

import { buildSiteCopy } from '../support/site-copy'

/** What this setup hands tests/whole-app/repository-url.test.ts. */
export type ProvidedSiteCopy = {
  /** The built copy of the site; null when its build failed. */
  siteDir: string | null
  buildOutput: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteWithRepository: ProvidedSiteCopy
  }
}

/** The repository the copy is built for: any well-formed GitHub address will do. */
export const TEST_REPOSITORY_URL = 'https://github.com/example-org/credentials-handbook'

/**
 * Builds the site once more, with REPOSITORY_URL set: the e2e suite's build leaves it unset, the
 * default, so only this build shows the links a deployment with a repository gets.
 */
export default async function setup(project: TestProject) {
  try {
    const { workDir, buildOutput } = await buildSiteCopy({ REPOSITORY_URL: TEST_REPOSITORY_URL })
    project.provide('siteWithRepository', { siteDir: workDir, buildOutput })
    return () => rmSync(workDir, { recursive: true, force: true })
  } catch (error) {
    // why: as in global-setup.ts, the failure goes to the suite that needs the build.
    const buildOutput = error instanceof Error ? error.message : String(error)
    project.provide('siteWithRepository', { siteDir: null, buildOutput })
    return undefined
  }
}
