import type { ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'

/** How long a server gets to exit on SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 5_000

/**
 * Runs `cleanup` however this process ends: normally, on an uncaught error, on Ctrl-C or on
 * SIGTERM. Returns a function that takes it back once the caller has cleaned up itself.
 * why: a bench starts servers and browsers; one left behind keeps its port and its CPU and
 * skews every bench that runs after it on this shared machine.
 */
export function onTermination(cleanup: () => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup()
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.once('exit', cleanup)
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return () => {
    process.off('exit', cleanup)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** Stops a child politely (SIGTERM), and for good if it has not exited after a while. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
  await exited
  clearTimeout(timer)
}

/**
 * A server a bench started with a data folder of its own: killed and its folder removed however
 * this process ends, and the returned `stop()` does the same politely.
 */
export function stopWithItsData(child: ChildProcess, dataDir: string): () => Promise<void> {
  const forget = onTermination(() => {
    child.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  })
  return async () => {
    forget()
    await stopChild(child)
    rmSync(dataDir, { recursive: true, force: true })
  }
}
