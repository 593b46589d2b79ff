/**
 * The database a restore writes into: created when missing, used when empty, and otherwise
 * refused unless `force` (then dropped, with its connections, and created again). Empty means no
 * table, view or sequence outside the system schemas.
 */
import pg from 'pg';
import { BackupError } from './backup-error.js';
import { withDatabase } from './locate-database.js';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Relations a database holds outside the system schemas (0: empty). */
async function countRelations(url: string): Promise<number> {
  return withClient(url, async (client) => Number((await client.query<{ n: string }>(`
    SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`)).rows[0]!.n));
}

/** Resolves with the target's URL and whether this call created it (so a failed restore can drop it). */
export async function prepareTarget(ownerUrl: string, database: string, force: boolean): Promise<{ url: string; created: boolean }> {
  const url = withDatabase(ownerUrl, database);
  const maintenanceUrl = withDatabase(ownerUrl, database === 'postgres' ? 'template1' : 'postgres');
  const quoted = pg.escapeIdentifier(database);
  return withClient(maintenanceUrl, async (client) => {
    const exists = ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount ?? 0) > 0;
    if (exists) {
      const relations = await countRelations(url);
      if (relations === 0) return { url, created: false };
      if (!force) {
        throw new BackupError(`the database "${database}" is not empty (${relations} tables, views or sequences): restore into a new one with --database <name>, or pass --force to drop "${database}" and restore in its place`);
      }
      await client.query(`DROP DATABASE ${quoted} WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE ${quoted} TEMPLATE template0`).catch((error: Error) => {
      throw new BackupError(`could not create the database "${database}" (${error.message}): the owner's role needs CREATEDB, or create it empty beforehand`, { cause: error });
    });
    return { url, created: true };
  });
}

/** Drops a database this restore created, after a failure, so that the next try starts clean. */
export async function dropCreatedTarget(ownerUrl: string, database: string): Promise<void> {
  await withClient(withDatabase(ownerUrl, database === 'postgres' ? 'template1' : 'postgres'), (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`));
}
