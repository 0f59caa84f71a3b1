import { rmSync } from 'node:fs'

import type { TestProject } from 'vitest/node'

import { buildWholeApp } from '../support/whole-app'
import type { ProvidedWholeApp } from './built-app'

/** Builds the app from its zip once; each test file starts the servers it needs from it. */
export default async function setup(project: TestProject) {
  try {
    const { workDir, appDir, buildOutput } = await buildWholeApp()
    project.provide('wholeApp', { appDir, buildOutput } satisfies ProvidedWholeApp)
    return () => rmSync(workDir, { recursive: true, force: true })
  } catch (error) {
    // why: thrown from here, the failure prints as Vitest's "No test files found"; handed on,
    // it fails each suite that needs the app, with the build's output.
    const buildOutput = error instanceof Error ? error.message : String(error)
    project.provide('wholeApp', { appDir: null, buildOutput })
    return undefined
  }
}
