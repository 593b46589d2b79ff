/**
 * The database `db:backup` and `db:restore` work on, found as the other db scripts and the start
 * command find it: MIGRATE_DATABASE_URL (the tables' owner) and DATABASE_URL (the app's role);
 * with neither set, the start command's embedded PostgreSQL under `.data/postgres` (started for
 * the command and stopped after it when it was not running), as its superuser.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DATA_DIR, ensurePostgres } from '@yixian/db/provision';
import { parseDatabaseUrl } from '@yixian/db/migrate';
import { BackupError } from './backup-error.js';

export interface LocatedDatabase {
  /** Owner's (or superuser's) URL of the database. */
  ownerUrl: string;
  /** The app's role on it, when known: a restore gives it its grants. */
  appUrl?: string;
  /** Where it is, for messages: host, port, database; never a password. */
  where: string;
  stop(): Promise<void>;
}

export const databaseNameOf = (url: string): string => decodeURIComponent(new URL(url).pathname.slice(1));

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${encodeURIComponent(database)}`;
  return next.href;
}

const describe = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}/${databaseNameOf(url)}`;
};

/**
 * `allowNewCluster`: a restore on a machine where `npm start` never ran may initialise the
 * embedded cluster; a backup may not (there would be nothing to back up).
 */
export async function locateDatabase(options: { allowNewCluster: boolean; env?: NodeJS.ProcessEnv }): Promise<LocatedDatabase> {
  const env = options.env ?? process.env;
  const ownerUrl = env.MIGRATE_DATABASE_URL || env.DATABASE_URL;
  if (ownerUrl) {
    parseDatabaseUrl(ownerUrl);
    const appUrl = env.MIGRATE_DATABASE_URL && env.DATABASE_URL && env.DATABASE_URL !== ownerUrl ? env.DATABASE_URL : undefined;
    return { ownerUrl, ...(appUrl ? { appUrl } : {}), where: describe(ownerUrl), stop: async () => undefined };
  }
  if (!options.allowNewCluster && !existsSync(join(DEFAULT_DATA_DIR, 'postgres', 'PG_VERSION'))) {
    throw new BackupError(`no database to back up: set DATABASE_URL (and MIGRATE_DATABASE_URL, the tables' owner), or run npm start once so that its embedded PostgreSQL exists in ${join(DEFAULT_DATA_DIR, 'postgres')}`);
  }
  const postgres = await ensurePostgres({ ignoreEnv: true });
  return { ownerUrl: postgres.url, appUrl: postgres.appUrl, where: `embedded PostgreSQL ${describe(postgres.url)}`, stop: postgres.stop };
}
