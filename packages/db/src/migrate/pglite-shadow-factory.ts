import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'

/**
 * An adapter factory on one in-process, in-memory PGlite database: no server, no network, nothing
 * left behind. The engine opens a main connection it never uses for `diff` and a shadow one it resets
 * before replaying the migrations; both are served by the same instance, because starting a PGlite
 * costs seconds. `close()` ends it (the published adapter never closes its shadow instance).
 */
export function createPgliteFactory(): SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void> } {
  let db: PGlite | undefined
  // pglite-prisma-adapter is typed against driver-adapter-utils 7.2; the interface is the same.
  const connect = (): Promise<SqlDriverAdapter> => {
    // pg_trgm: the ticket search's trigram index on codes (migration ticket_search).
    db ??= new PGlite({ extensions: { pg_trgm } })
    return (new PrismaPGlite(db) as unknown as SqlMigrationAwareDriverAdapterFactory).connect()
  }
  return {
    provider: 'postgres',
    adapterName: 'pglite-prisma-adapter',
    connect,
    connectToShadowDb: connect,
    async close() {
      await db?.close()
      db = undefined
    },
  }
}
