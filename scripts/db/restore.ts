/**
 * `pnpm db:restore <file> [--database <name>] [--force] [--verify]`: restores a `db:backup` archive
 * into the database of MIGRATE_DATABASE_URL / DATABASE_URL (else the start command's embedded
 * PostgreSQL), or into another database on the same server with --database. Refuses a database
 * that is not empty unless --force (which drops it first). The app's role gets its grants again.
 * --verify then compares every table's row count and checksum with the backup's manifest and
 * exits 1 on any difference.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MigrateError } from '../../packages/db/src/migrate/index';
import { AppRoleError } from '../../packages/db/src/roles/index';
import { BackupError } from './lib/backup-error.js';
import { databaseNameOf, locateDatabase } from './lib/locate-database.js';
import { restoreBackup } from './lib/restore-backup.js';
import { describeDifference } from './lib/table-checksums.js';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { database: { type: 'string' }, force: { type: 'boolean', default: false }, verify: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new BackupError('name one backup file: pnpm db:restore .data/backups/yixian-….backup [--database <name>] [--force] [--verify]');
  const located = await locateDatabase({ allowNewCluster: true });
  try {
    const database = values.database ?? databaseNameOf(located.ownerUrl);
    console.log(`Restoring ${positionals[0]} into ${located.where.replace(/[^/]+$/, database)}…`);
    const result = await restoreBackup({
      file: resolve(positionals[0]!), ownerUrl: located.ownerUrl, database, force: values.force, verify: values.verify,
      ...(located.appUrl ? { appUrl: located.appUrl } : {}), log: (line) => console.log(line),
    });
    const rows = result.manifest?.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(`Restored${rows === undefined ? '' : ` ${result.manifest!.tables.length} tables, ${rows} rows`} in ${(result.restoreMs / 1000).toFixed(1)} s.`);
    if (result.grantedRole) console.log(`Granted "${result.grantedRole}" its rights on "${database}".`);
    else console.log('No app role known (set DATABASE_URL and MIGRATE_DATABASE_URL): give it its grants with npm run db:grant.');
    if (result.newerMigrations.length > 0) console.log(`This checkout has ${result.newerMigrations.length} migration(s) newer than the backup: apply them with pnpm db:migrate.`);
    if (result.differences) {
      if (result.differences.length === 0) console.log(`Verified in ${((result.verifyMs ?? 0) / 1000).toFixed(1)} s: every table's row count and checksum match the backup's snapshot.`);
      else {
        console.error(`Verification FAILED: ${result.differences.length} table(s) differ from the backup's snapshot:`);
        for (const difference of result.differences) console.error(`  ${describeDifference(difference)}`);
        process.exitCode = 1;
      }
    } else if (values.verify) {
      console.log('Not verified: the archive came without its manifest.');
    }
  } finally {
    await located.stop();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof BackupError || error instanceof MigrateError || error instanceof AppRoleError || String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
  console.error(known ? `db:restore: ${(error as Error).message}` : error);
  process.exitCode = 1;
});
