/**
 * `@prisma/adapter-pg` 7.10 runs a migration script by splitting it on every `;` and sending
 * the pieces one by one. That breaks any migration with a semicolon inside a string or a
 * dollar-quoted function body (our append-only triggers), and it applies half a migration
 * when a later statement fails. PostgreSQL's simple-query protocol takes the whole script in
 * one round trip, as one implicit transaction, which is what `prisma migrate deploy` does
 * with its native engine: this wrapper sends it that way.
 */
import type pg from 'pg'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'

type Adapter = Awaited<ReturnType<SqlMigrationAwareDriverAdapterFactory['connect']>>

function wrapAdapter(adapter: Adapter, pool: pg.Pool): Adapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === 'executeScript') {
        return async (script: string) => {
          try {
            await pool.query(script)
          } catch (error) {
            // The adapter's own converter turns pg errors into the engine's error kinds.
            ;(target as unknown as { onError(e: unknown): never }).onError(error)
          }
        }
      }
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

export function withWholeScripts(
  factory: SqlMigrationAwareDriverAdapterFactory,
  pool: pg.Pool,
): SqlMigrationAwareDriverAdapterFactory {
  return new Proxy(factory, {
    get(target, property, receiver) {
      if (property === 'connect') return async () => wrapAdapter(await target.connect(), pool)
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
