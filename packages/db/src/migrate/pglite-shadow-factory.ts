import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'

/**
 * An adapter factory on in-process PGlite databases: no server, no network, nothing left behind.
 * Each shadow connection gets its own in-memory PGlite that is closed when the engine disposes of it
 * (the published adapter leaves its shadow instance open). `close()` ends the main instance.
 */
export function createPgliteFactory(): SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void> } {
  const main = new PGlite()
  // pglite-prisma-adapter is typed against driver-adapter-utils 7.2; the interface is the same.
  const mainFactory = new PrismaPGlite(main) as unknown as SqlMigrationAwareDriverAdapterFactory
  return {
    provider: 'postgres',
    adapterName: mainFactory.adapterName,
    connect: () => mainFactory.connect(),
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const shadow = new PGlite()
      const adapter = await (new PrismaPGlite(shadow) as unknown as SqlMigrationAwareDriverAdapterFactory).connect()
      const dispose = adapter.dispose.bind(adapter)
      adapter.dispose = async () => {
        await dispose()
        await shadow.close()
      }
      return adapter
    },
    close: () => main.close(),
  }
}
