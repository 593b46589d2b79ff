/**
 * A private Redis under Sentinel for tests: a master, one replica and one Sentinel, each a
 * redis-server on a free port in a temporary folder (never the machine's shared Redis). The test
 * can kill the master and wait for Sentinel to promote the replica.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, requireRedisServer } from '@yixian/db/provision';

export const SENTINEL_MASTER_NAME = 'yixian-test';

export interface SentinelRedis {
  masterPort: number;
  replicaPort: number;
  sentinelPort: number;
  /** Kills the master (SIGKILL) and resolves with Sentinel's `+switch-master` line once the replica is promoted. */
  killMaster(timeoutMs: number): Promise<string>;
  dispose(): Promise<void>;
}

interface Server {
  child: ChildProcess;
  /** Resolves when a line of the server's log matches; rejects after the timeout or if it exits. */
  waitForLog(pattern: RegExp, label: string, timeoutMs: number): Promise<string>;
}

function startServer(binary: string, args: string[]): Server {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const onLine = new Set<(line: string) => void>();
  const read = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      for (const listener of onLine) listener(line);
    }
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  return {
    child,
    waitForLog(pattern, label, timeoutMs) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const done = (error: Error | null, line = '') => {
          clearTimeout(timer);
          onLine.delete(listener);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(line);
        };
        const listener = (line: string) => {
          if (pattern.test(line)) done(null, line);
        };
        const onExit = (code: number | null) => done(new Error(`redis-server exited (${code}) before ${label}: ${lines.slice(-5).join(' | ')}`));
        const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${label}: ${lines.slice(-5).join(' | ')}`)), timeoutMs);
        onLine.add(listener);
        child.once('exit', onExit);
      });
    },
  };
}

const exitOf = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null
  ? Promise.resolve()
  : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** Starts master, replica and Sentinel; resolves once the replica is in sync and Sentinel has seen it. */
export async function startSentinelRedis(): Promise<SentinelRedis> {
  const binary = requireRedisServer({ allowInstall: false });
  const dir = mkdtempSync(join(tmpdir(), 'yixian-test-sentinel-'));
  const masterPort = await findFreePort(47_379);
  const replicaPort = await findFreePort(masterPort + 1);
  const sentinelPort = await findFreePort(replicaPort + 1);
  const common = ['--bind', '127.0.0.1', '--protected-mode', 'yes', '--daemonize', 'no', '--save', '', '--appendonly', 'no', '--logfile', ''];
  const servers: Server[] = [];
  try {
    const master = startServer(binary, ['--port', String(masterPort), '--dir', dir, '--dbfilename', 'master.rdb', ...common]);
    servers.push(master);
    await master.waitForLog(/Ready to accept connections/, 'the master to be ready', 15_000);
    const replica = startServer(binary, ['--port', String(replicaPort), '--dir', dir, '--dbfilename', 'replica.rdb', '--replicaof', '127.0.0.1', String(masterPort), ...common]);
    servers.push(replica);
    await replica.waitForLog(/MASTER <-> REPLICA sync: Finished with success/, 'the replica to be in sync', 15_000);
    // Sentinel rewrites its own file, so it gets one of its own. One Sentinel, quorum 1: a test
    // of the clients, not of Sentinel's vote. down-after 1 s keeps the failover short.
    const sentinelConf = join(dir, 'sentinel.conf');
    writeFileSync(sentinelConf, [
      `port ${sentinelPort}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${masterPort} 1`,
      `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} 1000`,
      `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 10000`,
      '',
    ].join('\n'));
    const sentinel = startServer(binary, [sentinelConf, '--sentinel', '--daemonize', 'no', '--logfile', '']);
    servers.push(sentinel);
    await sentinel.waitForLog(new RegExp(`\\+slave slave 127\\.0\\.0\\.1:${replicaPort} `), 'Sentinel to discover the replica', 20_000);
    return {
      masterPort,
      replicaPort,
      sentinelPort,
      async killMaster(timeoutMs) {
        const promoted = sentinel.waitForLog(new RegExp(`\\+switch-master ${SENTINEL_MASTER_NAME} 127\\.0\\.0\\.1 ${masterPort} 127\\.0\\.0\\.1 ${replicaPort}`), 'Sentinel to promote the replica', timeoutMs);
        master.child.kill('SIGKILL');
        await exitOf(master.child);
        return promoted;
      },
      async dispose() {
        await Promise.all(servers.map(async (server) => {
          server.child.kill('SIGKILL');
          await exitOf(server.child);
        }));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const server of servers) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => exitOf(server.child)));
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
