/**
 * A private PostgreSQL primary with a streaming hot standby for tests, from Debian's PostgreSQL
 * binaries (the embedded PostgreSQL 18 of `npm start` has no pg_basebackup): initdb, a standby
 * cloned with `pg_basebackup -R`, both on free ports in a temporary folder, never the machine's
 * shared server. PostgreSQL refuses to run as root, so as root they run as the `postgres` user.
 *
 * The primary lists the standby as synchronous (`synchronous_standby_names = '*'`): a commit waits
 * for the standby to have the WAL on disk, not replayed, so pausing replay blocks nothing, while
 * `caughtUp()` (a commit with `synchronous_commit = remote_apply`) returns only once the standby
 * has replayed everything before it — the wait is PostgreSQL's own, no polling.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findFreePort } from '@yixian/db/provision';

export interface StreamingReplica {
  /** The primary's URL for `database` (superuser, trust). */
  primaryUrl: string;
  /** The standby's URL for the same database (read-only). */
  standbyUrl: string;
  /** Resolves once the standby has replayed every commit made before the call. */
  caughtUp(): Promise<void>;
  /** Stops / restarts WAL replay on the standby (it keeps receiving WAL meanwhile). */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  dispose(): Promise<void>;
}

/** The newest /usr/lib/postgresql/<n>/bin that has pg_basebackup. */
function findPgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'pg_basebackup')));
  if (!found) throw new Error('a streaming replica needs PostgreSQL server binaries with pg_basebackup (Debian: apt-get install postgresql)');
  return found;
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL tool, as the postgres user when we are root. */
function runPg(bin: string, tool: string, args: string[]): void {
  const [command, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${tool} failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ')}`);
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startStreamingReplica(database: string): Promise<StreamingReplica> {
  const bin = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'yixian-test-pg-replica-'));
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const primaryPort = await findFreePort(47_432);
  const standbyPort = await findFreePort(primaryPort + 1);
  const server = (port: number) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const started: string[] = [];
  const stopAll = () => {
    // The primary first: with its standby gone first, a commit would wait for it.
    for (const dataDir of [...started].reverse()) {
      try {
        runPg(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
      } catch {
        // already stopped
      }
    }
  };
  const urlOf = (port: number, db: string) => `postgresql://postgres@127.0.0.1:${port}/${db}`;
  try {
    const primaryDir = join(dir, 'primary');
    runPg(bin, 'initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    runPg(bin, 'pg_ctl', ['-D', primaryDir, '-w', '-l', join(dir, 'primary.log'), '-o', `${server(primaryPort)} -c synchronous_standby_names=*`, 'start']);
    started.push(primaryDir);
    const standbyDir = join(dir, 'standby');
    runPg(bin, 'pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyDir, '-R', '-X', 'stream']);
    runPg(bin, 'pg_ctl', ['-D', standbyDir, '-w', '-l', join(dir, 'standby.log'), '-o', server(standbyPort), 'start']);
    started.unshift(standbyDir);
    await query(urlOf(primaryPort, 'postgres'), `CREATE DATABASE "${database}"; `);
    await query(urlOf(primaryPort, 'postgres'), 'CREATE TABLE replica_barrier (at timestamptz)');
  } catch (error) {
    stopAll();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    primaryUrl: urlOf(primaryPort, database),
    standbyUrl: urlOf(standbyPort, database),
    async caughtUp() {
      await query(urlOf(primaryPort, 'postgres'), "BEGIN; SET LOCAL synchronous_commit = remote_apply; INSERT INTO replica_barrier VALUES (now()); COMMIT;");
    },
    async pauseReplay() {
      await query(urlOf(standbyPort, 'postgres'), 'SELECT pg_wal_replay_pause()');
    },
    async resumeReplay() {
      await query(urlOf(standbyPort, 'postgres'), 'SELECT pg_wal_replay_resume()');
    },
    async dispose() {
      stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
