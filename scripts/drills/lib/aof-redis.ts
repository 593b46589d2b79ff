/**
 * A private redis-server with an append-only file (fsync every second) that a drill can stop
 * cleanly, kill hard, or kill as a power cut would (the last second of the file gone), then
 * start again on the same data folder and the same port. Never the machine's shared Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, requireRedisServer } from '@yixian/db/provision';
import { withTimeout } from './wait-for.js';

/** clean: SIGTERM (Redis flushes its file); hard: SIGKILL; power-cut: SIGKILL, then the file's tail since `markPowerCut()` is cut off. */
export const REDIS_STOPS = { clean: 'clean', hard: 'hard', power_cut: 'power-cut' } as const;
export type RedisStop = (typeof REDIS_STOPS)[keyof typeof REDIS_STOPS];

export interface AofRedis {
  url: string;
  port: number;
  dataDir: string;
  /** Remembers the append-only file's length now: a later power cut loses what follows. */
  markPowerCut(): void;
  stop(how: RedisStop): Promise<{ bytesLost: number }>;
  start(): Promise<number>;
  dispose(): Promise<void>;
}

/** The incremental file of Redis 7's multi-part AOF (named in the manifest), else the single file. */
function currentAofFile(dataDir: string): string | null {
  const aofDir = join(dataDir, 'appendonlydir');
  try {
    const manifest = readFileSync(join(aofDir, 'appendonly.aof.manifest'), 'utf8');
    const incr = manifest.split('\n').map((line) => /^file (\S+) seq \d+ type i/.exec(line)?.[1]).filter(Boolean).pop();
    if (incr) return join(aofDir, incr);
  } catch {
    // no manifest yet
  }
  const single = readdirSync(dataDir).find((name) => name.endsWith('.aof'));
  return single ? join(dataDir, single) : null;
}

export async function startAofRedis(): Promise<AofRedis> {
  const binary = requireRedisServer({ allowInstall: false });
  const dataDir = mkdtempSync(join(tmpdir(), 'yixian-drill-aof-redis-'));
  const port = await findFreePort(46_379);
  let child: ChildProcess | null = null;
  let mark: { file: string; size: number } | null = null;

  const launch = async (): Promise<number> => {
    const started = performance.now();
    const proc = spawn(binary, [
      '--bind', '127.0.0.1', '--port', String(port), '--protected-mode', 'yes', '--daemonize', 'no', '--save', '',
      '--appendonly', 'yes', '--appendfsync', 'everysec', '--aof-load-truncated', 'yes', '--maxmemory-policy', 'noeviction',
      '--dir', dataDir, '--logfile', '',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    await withTimeout(new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        if (lines.some((line) => line.includes('Ready to accept connections'))) resolve();
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready: ${lines.slice(-5).join(' | ')}`)));
    }), 'the private redis-server to be ready', 30_000);
    child = proc;
    return performance.now() - started;
  };

  const exitOf = (proc: ChildProcess) => proc.exitCode !== null || proc.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dataDir,
    markPowerCut() {
      const file = currentAofFile(dataDir);
      mark = file ? { file, size: statSync(file).size } : null;
    },
    async stop(how) {
      const proc = child;
      if (!proc) return { bytesLost: 0 };
      child = null;
      proc.kill(how === REDIS_STOPS.clean ? 'SIGTERM' : 'SIGKILL');
      await withTimeout(exitOf(proc), 'the private redis-server to exit', 15_000);
      if (how !== REDIS_STOPS.power_cut) return { bytesLost: 0 };
      const cut = mark;
      mark = null;
      // The file must still be the one marked (no rewrite in between), else nothing is cut.
      if (!cut || currentAofFile(dataDir) !== cut.file) return { bytesLost: 0 };
      const size = statSync(cut.file).size;
      truncateSync(cut.file, cut.size);
      return { bytesLost: size - cut.size };
    },
    start: launch,
    async dispose() {
      const proc = child;
      child = null;
      if (proc) {
        proc.kill('SIGKILL');
        await exitOf(proc);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
