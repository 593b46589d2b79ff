/**
 * Drill: a backup taken under load, restored, and proven. A generated month of a city (quick: a
 * day) is loaded, a real API process takes tickets over HTTP without pause, and `db:backup`'s code
 * backs the database up in each format the machine allows (pg_dump custom format when a pg_dump is
 * new enough for the server, and always the built-in one). The drill imports the backup's exported
 * snapshot and fingerprints every table in it with its own code (lib/table-checksums.ts), then
 * restores each archive into a fresh database and fingerprints that: row counts and checksums must
 * be equal for every table (lost: rows missing, duplicated: rows extra, failures: other content),
 * while the source has moved on past the snapshot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createRedisPrefix, createTestDatabase } from '@yixian/db/testing';
import type { DrillDefinition } from './lib/drill-types.js';
import { DRILL_PASSWORD, processEnv } from './lib/drill-services.js';
import { startProcess, stopProcess, type DrillProcess } from './lib/child-process.js';
import { startHttpTicketLoad, type HttpTicketLoad } from './lib/http-ticket-load.js';
import { diffTableChecksums, takeTableChecksumsWith, type TableChecksums } from './lib/table-checksums.js';
import { waitUntil } from './lib/wait-for.js';
import { seedDatabase } from '../../prisma/seed/index.js';
import { generateCity } from '../bench/generate-city.js';
import { BACKUP_FORMATS, type BackupFormat } from '../db/lib/backup-manifest.js';
import { createBackup } from '../db/lib/create-backup.js';
import { findPgTool } from '../db/lib/find-pg-tools.js';
import { dropCreatedTarget } from '../db/lib/prepare-target.js';
import { restoreBackup } from '../db/lib/restore-backup.js';

/** A city-year of the statistics benchmark is 3 M calls and 1 M tickets; a day or a month of it. */
const CALLS_PER_DAY = Math.round(3_000_000 / 365);
const TICKETS_PER_DAY = Math.round(1_000_000 / 365);

const freePort = () => new Promise<number>((resolve) => {
  const server = createServer();
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

/** A pg client; the drill's fingerprints print timestamps in UTC on both sides. */
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  await client.query(`SET TimeZone = 'UTC'; SET extra_float_digits = 1; SET statement_timeout = 0`);
  return client;
}

const fingerprint = (client: pg.Client): Promise<TableChecksums> => takeTableChecksumsWith(async <T>(sql: string) => (await client.query(sql)).rows as T[]);
const sumRows = (sums: TableChecksums): number => [...sums.values()].reduce((total, table) => total + table.rows, 0);

interface FormatRun {
  format: BackupFormat;
  archiveBytes: number;
  backupMs: number;
  restoreMs: number;
  verifyMs: number;
  ticketsDuringBackup: number;
  snapshotTickets: number;
  rows: number;
  tables: number;
  missingRows: number;
  extraRows: number;
  differences: string[];
}

async function runFormat(format: BackupFormat, ctx: { ownerUrl: string; appUrl: string; name: string; dir: string; load: HttpTicketLoad; restored: string[] }): Promise<FormatRun> {
  const file = join(ctx.dir, `${format}.backup`);
  let inSnapshot: pg.Client | null = null;
  const started = performance.now();
  const { manifest } = await createBackup({
    url: ctx.ownerUrl, file, format,
    // Import the backup's snapshot before it is released: the source's state at the backup.
    onSnapshot: async (snapshotId) => {
      inSnapshot = await connect(ctx.ownerUrl);
      await inSnapshot.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await inSnapshot.query(`SET TRANSACTION SNAPSHOT '${snapshotId.replaceAll("'", "''")}'`);
    },
  });
  const ticketsDuringBackup = ctx.load.createdBetween(started, performance.now());
  const client = inSnapshot as pg.Client | null;
  if (!client) throw new Error('the backup never offered its snapshot');
  const atSnapshot = await fingerprint(client).finally(() => client.end());
  const database = `${ctx.name}_restored_${format.replace('_', '')}`;
  ctx.restored.push(database);
  const result = await restoreBackup({ file, ownerUrl: ctx.ownerUrl, database, appUrl: ctx.appUrl, verify: true });
  const restoredClient = await connect(result.url);
  const restored = await fingerprint(restoredClient).finally(() => restoredClient.end());
  const differences = diffTableChecksums(atSnapshot, restored).map(({ table, rowsAdded }) => `${format}: ${table} differs from the source at the snapshot (${rowsAdded >= 0 ? '+' : ''}${rowsAdded} rows)`);
  for (const difference of result.differences ?? []) differences.push(`${format}: db:restore --verify: ${difference.table} ${difference.reason}`);
  let missingRows = 0;
  let extraRows = 0;
  for (const [table, sum] of atSnapshot) {
    const delta = (restored.get(table)?.rows ?? 0) - sum.rows;
    if (delta < 0) missingRows -= delta;
    else extraRows += delta;
  }
  return {
    format, archiveBytes: manifest.archiveBytes ?? 0, backupMs: manifest.backupMs ?? 0, restoreMs: result.restoreMs, verifyMs: result.verifyMs ?? 0,
    ticketsDuringBackup, snapshotTickets: atSnapshot.get('ticket')?.rows ?? 0, rows: sumRows(atSnapshot), tables: atSnapshot.size, missingRows, extraRows, differences,
  };
}

export const backupRestoreDrill: DrillDefinition = {
  name: 'backup-restore',
  summary: 'a generated month (quick: a day) backed up while tickets are taken over HTTP, in each format (pg_dump where one fits the server, built-in), restored into a fresh database: every table equal to the source at the backup\'s snapshot',
  async run({ quick, log }) {
    const days = quick ? 1 : 30;
    const db = await createTestDatabase();
    await seedDatabase(db.prisma, { password: DRILL_PASSWORD });
    const redis = createRedisPrefix();
    const dir = mkdtempSync(join(tmpdir(), 'yixian-drill-backup-'));
    const restored: string[] = [];
    const failures: string[] = [];
    let api: DrillProcess | null = null;
    let load: HttpTicketLoad | null = null;
    try {
      const city = await generateCity({ databaseUrl: db.ownerUrl, calls: CALLS_PER_DAY * days, tickets: TICKETS_PER_DAY * days, days, seed: 17 });
      log(`generated ${days} day(s): ${city.calls} calls, ${city.tickets} tickets, ${city.ticketEvents} trail entries in ${city.seconds} s`);
      const port = await freePort();
      api = startProcess('api', processEnv(db.url, redis.url, `${redis.prefix}:`, { PORT: String(port) }));
      const base = `http://127.0.0.1:${port}`;
      const proc = api;
      await waitUntil(async () => {
        if (proc.child.exitCode !== null) throw new Error(`api exited: ${proc.tail()}`);
        return (await fetch(`${base}/api/health`).catch(() => null))?.status === 200;
      }, 'the API to listen', { timeoutMs: 120_000, intervalMs: 250, describe: () => proc.tail() });
      load = await startHttpTicketLoad(base, 2);
      const running = load;
      await waitUntil(async () => running.createdAt.length >= 5, 'the first tickets over HTTP', { timeoutMs: 30_000, intervalMs: 100 });

      const server = await connect(db.ownerUrl);
      const serverMajor = Math.floor(Number((await server.query<{ num: string }>(`SELECT current_setting('server_version_num') AS num`)).rows[0]!.num) / 10_000);
      await server.end();
      const formats: BackupFormat[] = [BACKUP_FORMATS.copy];
      if (await findPgTool('pg_dump', serverMajor)) formats.unshift(BACKUP_FORMATS.pgDump);
      else log(`no pg_dump ${serverMajor}+ on this machine: only the built-in format is exercised`);
      const runs: FormatRun[] = [];
      for (const format of formats) {
        const run = await runFormat(format, { ownerUrl: db.ownerUrl, appUrl: db.url, name: db.name, dir, load, restored });
        runs.push(run);
        failures.push(...run.differences);
        if (run.ticketsDuringBackup === 0) failures.push(`${format}: no ticket was created during the backup: the load did not overlap it`);
        log(`${format}: ${run.tables} tables, ${run.rows} rows, ${(run.archiveBytes / 1048576).toFixed(1)} MiB; backup ${run.backupMs} ms (${run.ticketsDuringBackup} tickets created meanwhile), restore ${run.restoreMs} ms, verify ${run.verifyMs} ms; ${run.differences.length} differences`);
      }
      await load.stop();
      const sourceTickets = await db.prisma.ticket.count();
      for (const run of runs) {
        if (sourceTickets <= run.snapshotTickets) failures.push(`${run.format}: the source did not change after the snapshot (${sourceTickets} tickets): the comparison proved nothing`);
      }
      const figures: Record<string, number | string | boolean> = {
        days, generatedCalls: city.calls, generatedTickets: city.tickets, generatedTrail: city.ticketEvents,
        ticketsOverHttp: load.createdAt.length, intakeAnswers: JSON.stringify(load.statuses), sourceTicketsAtEnd: sourceTickets,
        formats: formats.join(', '),
      };
      for (const run of runs) {
        const key = run.format === BACKUP_FORMATS.pgDump ? 'pgDump' : 'copy';
        Object.assign(figures, {
          [`${key}Tables`]: run.tables, [`${key}Rows`]: run.rows, [`${key}ArchiveBytes`]: run.archiveBytes, [`${key}BackupMs`]: run.backupMs,
          [`${key}TicketsDuringBackup`]: run.ticketsDuringBackup, [`${key}SnapshotTickets`]: run.snapshotTickets, [`${key}RestoreMs`]: run.restoreMs,
          [`${key}VerifyMs`]: run.verifyMs, [`${key}Differences`]: run.differences.length,
        });
      }
      return {
        lost: runs.reduce((sum, run) => sum + run.missingRows, 0),
        duplicated: runs.reduce((sum, run) => sum + run.extraRows, 0),
        failures,
        figures,
      };
    } finally {
      await load?.stop().catch(() => undefined);
      if (api) await stopProcess(api, 'SIGTERM');
      for (const database of restored) await dropCreatedTarget(db.ownerUrl, database).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      await redis.cleanup().catch(() => 0);
      await db.drop();
    }
  },
};
