import type { Backend } from './create-backend'
import { createBackend } from './create-backend'
import { readBackendSettings } from './settings'

/**
 * why: the backend hangs off `globalThis` so that `next dev`, which re-evaluates modules when
 * a file changes, keeps its users and sessions instead of starting empty.
 */
const memory = globalThis as typeof globalThis & { standInBackend?: Promise<Backend> }

/**
 * The app's one backend, created on first use with the settings from the environment.
 * Throws when a setting is wrong; nothing is kept then, so the next call checks again.
 */
export function getBackend(): Promise<Backend> {
  memory.standInBackend ??= createBackend(readBackendSettings())
  return memory.standInBackend
}
