import type { Kysely } from 'kysely'
import { Migrator, sql } from 'kysely'
import { describe, expect, it } from 'vitest'

import { createPasswordHasher } from '@/demo-backend/core/passwords'
import { connectDatabase } from '@/demo-backend/db/connect'
import { MIGRATIONS } from '@/demo-backend/db/migrations'
import { DATABASE_KINDS } from '@/tests/support/test-databases'
import { expectSuccess, loginInput, useBackendHarness } from './harness'

const CLIENT = { ip: '198.51.100.7' }
const FIRST_MIGRATION = '0001-users-and-refresh-tokens'

/** A database as the first release left it: only the first migration applied. */
async function migrateToFirstRelease(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } })
  const { error } = await migrator.migrateTo(FIRST_MIGRATION)
  if (error) throw error
}

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  const harness = useBackendHarness(kind)

  it('makes the users of a first-release database readers, who log in as such', async () => {
    const handle = connectDatabase<unknown>(harness.databaseUrl())
    try {
      await migrateToFirstRelease(handle.db)
      const passwordHash = await createPasswordHasher().hash('an old account passphrase')
      await sql`insert into users (id, email, name, password_hash, created_at, expires_at)
        values ('old-user', 'old@example.com', 'Old', ${passwordHash}, 0, null)`.execute(handle.db)
    } finally {
      await handle.close()
    }

    const backend = await harness.start()
    const session = expectSuccess(
      await backend.login(
        loginInput({ email: 'old@example.com', password: 'an old account passphrase' }),
        CLIENT,
      ),
    )
    expect(session.user).toStrictEqual({
      id: 'old-user',
      email: 'old@example.com',
      name: 'Old',
      role: 'reader',
    })
  })

  it('stores the roles the contract names and refuses any other', async () => {
    await harness.start()
    const handle = connectDatabase(harness.databaseUrl())
    const insertWithRole = (id: string, role: string) =>
      sql`insert into users (id, email, name, password_hash, created_at, role)
        values (${id}, ${`${id}@example.com`}, null, 'hash', 0, ${role})`.execute(handle.db)
    try {
      await insertWithRole('an-editor', 'editor')
      await insertWithRole('a-reader', 'reader')
      await expect(insertWithRole('an-admin', 'admin')).rejects.toThrow()
    } finally {
      await handle.close()
    }
  })
})
