/**
 * db:backup and db:restore on real PostgreSQL: a backup taken while rows are written holds the
 * snapshot and not what came after; each format restores into a fresh database with every table
 * identical to the snapshot; --verify names a table that differs; a non-empty target is refused
 * unless forced; a damaged archive fails and leaves no half-restored database; and on the embedded
 * PostgreSQL 18 (no pg_dump 18 here) pg_dump is refused with the version it needs while the
 * built-in format works.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, resolveTestServerUrl, type TestDatabase } from '@yixian/db/testing';
import { ensurePostgres } from '@yixian/db/provision';
import { applyMigrations } from '@yixian/db/migrate';
import { seedDatabase } from '../../../prisma/seed/index.js';
import { BACKUP_FORMATS, manifestPathOf, type BackupFormat } from './backup-manifest.js';
import { createBackup } from './create-backup.js';
import { findPgTool } from './find-pg-tools.js';
import { withDatabase } from './locate-database.js';
import { dropCreatedTarget } from './prepare-target.js';
import { restoreBackup } from './restore-backup.js';
import { verifyRestore } from './verify-restore.js';

const dir = mkdtempSync(join(tmpdir(), 'yixian-backup-test-'));
let source: TestDatabase;
const restored: string[] = [];

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function serverMajor(url: string): Promise<number> {
  return Math.floor(Number((await query<{ num: string }>(url, `SELECT current_setting('server_version_num') AS num`))[0]!.num) / 10_000);
}
/** pg_dump is exercised where one is new enough for the test server (here: Debian's 15 on a 15). */
const hasPgDump = Boolean(await findPgTool('pg_dump', await serverMajor(resolveTestServerUrl())));

const auditCount = async (url: string) => Number((await query<{ n: string }>(url, 'SELECT count(*)::text AS n FROM audit_log'))[0]!.n);
const writeAudit = (url: string, action: string) => query(url, `INSERT INTO audit_log (action, outcome) VALUES ('${action}', 'success')`);

beforeAll(async () => {
  source = await createTestDatabase();
  await seedDatabase(source.prisma, { password: 'backup-test-password' });
  for (let i = 0; i < 5; i++) await writeAudit(source.ownerUrl, `test.before.${i}`);
});

afterAll(async () => {
  for (const name of restored) await dropCreatedTarget(source.ownerUrl, name).catch(() => undefined);
  await source?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('db:backup and db:restore', () => {
  const formats: BackupFormat[] = [BACKUP_FORMATS.copy, BACKUP_FORMATS.pgDump];
  for (const format of formats) {
    it.skipIf(format === BACKUP_FORMATS.pgDump && !hasPgDump)(`${format}: restores the snapshot, not the rows written after it, every table identical`, async () => {
      const before = await auditCount(source.ownerUrl);
      const file = join(dir, `${format}.backup`);
      const { manifest } = await createBackup({ url: source.ownerUrl, file, format, onSnapshot: () => writeAudit(source.ownerUrl, 'test.after-snapshot').then(() => undefined) });
      expect(manifest.format).toBe(format);
      expect(manifest.tables.find((table) => table.name === 'audit_log')!.rows).toBe(before);
      expect(await auditCount(source.ownerUrl)).toBe(before + 1);
      expect(JSON.parse(readFileSync(manifestPathOf(file), 'utf8')).tables.length).toBe(manifest.tables.length);

      const database = `${source.name}_r_${format.replace('_', '')}`;
      restored.push(database);
      const result = await restoreBackup({ file, ownerUrl: source.ownerUrl, database, appUrl: source.url, verify: true });
      expect(result.differences).toEqual([]);
      expect(await auditCount(result.url)).toBe(before);
      expect(result.grantedRole).toBe(new URL(source.url).username);
      // The sequence continues after the restored ids: the app's next write does not collide.
      await writeAudit(withDatabase(source.url, database), 'test.after-restore');
      expect(await auditCount(result.url)).toBe(before + 1);
    });
  }

  it('refuses a database that is not empty unless forced, naming both ways out', async () => {
    const file = join(dir, 'refuse.backup');
    await createBackup({ url: source.ownerUrl, file, format: BACKUP_FORMATS.copy });
    await expect(restoreBackup({ file, ownerUrl: source.ownerUrl, database: source.name })).rejects.toThrow(/is not empty .*--database <name>.*--force/);
    const database = `${source.name}_forced`;
    restored.push(database);
    await restoreBackup({ file, ownerUrl: source.ownerUrl, database });
    await writeAudit(withDatabase(source.ownerUrl, database), 'test.changed');
    const again = await restoreBackup({ file, ownerUrl: source.ownerUrl, database, force: true, verify: true });
    expect(again.differences).toEqual([]);
  });

  it('--verify names a table whose rows changed after the restore, and one with a row fewer', async () => {
    const file = join(dir, 'verify.backup');
    const { manifest } = await createBackup({ url: source.ownerUrl, file, format: BACKUP_FORMATS.copy });
    const database = `${source.name}_verify`;
    restored.push(database);
    const { url } = await restoreBackup({ file, ownerUrl: source.ownerUrl, database });
    await query(url, `UPDATE app_user SET "displayName" = "displayName" || '·' WHERE username = 'demo-agent'`);
    await query(url, `ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`);
    const differences = await verifyRestore(url, manifest);
    expect(differences.map((d) => [d.table, d.reason])).toEqual([['app_user', 'checksum'], ['audit_log', 'rows']]);
  });

  it('fails on a truncated archive and leaves no half-restored database behind', async () => {
    const file = join(dir, 'truncated.backup');
    await createBackup({ url: source.ownerUrl, file, format: BACKUP_FORMATS.copy });
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const database = `${source.name}_truncated`;
    restored.push(database);
    await expect(restoreBackup({ file, ownerUrl: source.ownerUrl, database })).rejects.toThrow(/truncated|unexpected end/i);
    expect(await query(withDatabase(source.ownerUrl, 'postgres'), `SELECT 1 FROM pg_database WHERE datname = '${database}'`)).toEqual([]);
  });
});

describe('on the embedded PostgreSQL of npm start (no pg_dump as new as it)', () => {
  it('refuses pg_dump naming the version needed, and backs up and restores in the built-in format', { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yixian-backup-embedded-'));
    chmodSync(dataDir, 0o755); // the postgres OS user (when run as root) enters it
    const postgres = await ensurePostgres({ dataDir, ignoreEnv: true });
    try {
      const major = await serverMajor(postgres.url);
      const file = join(dataDir, 'embedded.backup');
      const pgDump = await findPgTool('pg_dump', major);
      if (!pgDump) {
        await expect(createBackup({ url: postgres.url, file, format: BACKUP_FORMATS.pgDump })).rejects.toThrow(new RegExp(`pg_dump ${major} or newer is needed.*--format copy`));
        expect(existsSync(file)).toBe(false);
      }
      await applyMigrations(postgres.url);
      await writeAudit(postgres.url, 'test.embedded');
      const { manifest } = await createBackup({ url: postgres.url, file });
      expect(manifest.format).toBe(pgDump ? BACKUP_FORMATS.pgDump : BACKUP_FORMATS.copy);
      const result = await restoreBackup({ file, ownerUrl: postgres.url, database: 'yixian_restored', verify: true });
      expect(result.differences).toEqual([]);
      expect(await auditCount(result.url)).toBe(1);
    } finally {
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
