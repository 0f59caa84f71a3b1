import { execFileSync } from 'node:child_process'

const PROBE = `
const server = require('node:net').createServer()
server.listen(0, '127.0.0.1', () => { process.stdout.write(String(server.address().port)); server.close() })
`

/**
 * A TCP port that nothing listens on right now. Synchronous on purpose: Playwright's config
 * module must know the port before it exports, and cannot await.
 */
export function findFreePortSync(): number {
  return Number(execFileSync(process.execPath, ['-e', PROBE], { encoding: 'utf8' }))
}
