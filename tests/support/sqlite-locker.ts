import { spawn } from 'node:child_process'
import { join } from 'node:path'

const PROJECT_ROOT = join(__dirname, '..', '..')

// why: a separate process, as another instance of the site would be: a lock held from this
// process would share its event loop and could not show whether the backend blocks it.
const HOLD_LOCK = `
const Database = require('better-sqlite3')
const db = new Database(process.argv[1])
db.exec('BEGIN IMMEDIATE')
process.stdout.write('locked\\n')
setTimeout(() => {
  db.exec('ROLLBACK')
  db.close()
}, Number(process.argv[2]))
`

/** A write lock held on a SQLite file by another process; `released` settles when it exits. */
export type HeldLock = { released: Promise<void> }

/**
 * Starts a child `node` process that opens the SQLite file at `file`, takes its write lock with
 * `BEGIN IMMEDIATE`, holds it for `holdMs` and rolls back. Resolves once the lock is held.
 */
export function holdSqliteWriteLock(file: string, holdMs: number): Promise<HeldLock> {
  const child = spawn(process.execPath, ['-e', HOLD_LOCK, file, String(holdMs)], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const released = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the lock holder failed: ${errors}`)),
    )
  })
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve({ released }))
    released.then(() => reject(new Error('the lock holder exited before it took the lock')), reject)
  })
}
