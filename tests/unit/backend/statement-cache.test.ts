import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'

import { reusePreparedStatements } from '@/demo-backend/db/statement-cache'

describe('reusePreparedStatements', () => {
  let client: Database.Database

  const openWithCache = (maxStatements?: number) => {
    client = new Database(':memory:')
    reusePreparedStatements(client, maxStatements)
    client.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)')
    return client
  }

  afterEach(() => client.close())

  it('hands back the same statement for the same SQL, and it still runs', () => {
    const db = openWithCache()
    const insert = db.prepare('INSERT INTO notes (body) VALUES (?)')

    expect(db.prepare('INSERT INTO notes (body) VALUES (?)')).toBe(insert)
    insert.run('first')
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('second')
    expect(db.prepare('SELECT body FROM notes ORDER BY id').all()).toStrictEqual([
      { body: 'first' },
      { body: 'second' },
    ])
  })

  it('gives a fresh statement while the cached one is being iterated', () => {
    const db = openWithCache()
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('only')
    const select = db.prepare('SELECT body FROM notes')
    const rows = select.iterate()
    rows.next()

    const second = db.prepare('SELECT body FROM notes')
    expect(second).not.toBe(select)
    rows.return?.()
    expect(db.prepare('SELECT body FROM notes')).toBe(select)
  })

  it('keeps at most the given number of statements, dropping the oldest', () => {
    const db = openWithCache(2)
    const first = db.prepare('SELECT 1')
    const second = db.prepare('SELECT 2')
    db.prepare('SELECT 3')

    expect(db.prepare('SELECT 2')).toBe(second)
    expect(db.prepare('SELECT 1')).not.toBe(first)
  })

  it('sees a column added after the statement was cached', () => {
    const db = openWithCache()
    const select = db.prepare('SELECT * FROM notes')
    db.exec('ALTER TABLE notes ADD COLUMN pinned INTEGER DEFAULT 0')
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('after')

    expect(db.prepare('SELECT * FROM notes')).toBe(select)
    expect(select.all()).toStrictEqual([{ id: 1, body: 'after', pinned: 0 }])
  })
})
