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
