/**
 * A private Redis under Sentinel for tests: a master, one replica and one Sentinel, each a
 * redis-server on a free port in a temporary folder (never the machine's shared Redis). The test
 * can switch the master over (SENTINEL FAILOVER) or kill it, and wait for Sentinel's promotion.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findFreePort, requireRedisServer } from '@yixian/db/provision';

export const SENTINEL_MASTER_NAME = 'yixian-test';

export interface SentinelRedis {
  /** The two redis-servers' ports: the master at start, then the replica. */
  ports: [number, number];
  sentinelPort: number;
  /** A planned switchover (SENTINEL FAILOVER): resolves once Sentinel announces the replica as master. */
  switchover(timeoutMs: number): Promise<void>;
  /** Kills the master (SIGKILL): resolves once Sentinel has promoted the replica. */
  killMaster(timeoutMs: number): Promise<void>;
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

/**
 * Waits until Sentinel has the replica's own INFO (a promotion picks only a replica it has heard
 * from, else SENTINEL FAILOVER answers NOGOODSLAVE). Sentinel announces `+slave` from the master's
 * INFO and asks the replica a moment later, with no event of its own: so this re-asks Sentinel,
 * at short intervals and within a deadline.
 */
async function sentinelCanPromote(sentinelPort: number, replicaPort: number, timeoutMs: number): Promise<void> {
  const client = new Redis({ host: '127.0.0.1', port: sentinelPort, lazyConnect: true });
  const deadline = performance.now() + timeoutMs;
  try {
    await client.connect();
    for (;;) {
      const replicas = (await client.call('SENTINEL', 'REPLICAS', SENTINEL_MASTER_NAME)) as string[][];
      const fields = replicas.map((flat) => Object.fromEntries(flat.flatMap((value, i) => (i % 2 === 0 ? [[value, flat[i + 1]]] : []))));
      const replica = fields.find((entry) => entry.port === String(replicaPort));
      if (replica && replica.flags === 'slave' && replica['master-link-status'] === 'ok' && Number(replica['info-refresh']) < 5_000) return;
      if (performance.now() > deadline) throw new Error(`Sentinel did not hear from the replica within ${timeoutMs} ms: ${JSON.stringify(replica ?? null)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    client.disconnect();
  }
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
    await sentinelCanPromote(sentinelPort, replicaPort, 10_000);
    const nodes = new Map([[masterPort, master], [replicaPort, replica]]);
    let current = masterPort;
    const other = () => (current === masterPort ? replicaPort : masterPort);
    /** Sentinel logs each promotion once: `+switch-master <name> <old host> <old port> <new host> <new port>`. */
    const promoted = (from: number, to: number, timeoutMs: number) =>
      sentinel.waitForLog(new RegExp(`\\+switch-master ${SENTINEL_MASTER_NAME} 127\\.0\\.0\\.1 ${from} 127\\.0\\.0\\.1 ${to}$`), `Sentinel to promote ${to}`, timeoutMs);
    return {
      ports: [masterPort, replicaPort],
      sentinelPort,
      async switchover(timeoutMs) {
        const [from, to] = [current, other()];
        const done = promoted(from, to, timeoutMs);
        const client = new Redis({ host: '127.0.0.1', port: sentinelPort, lazyConnect: true });
        try {
          await client.connect();
          await client.call('SENTINEL', 'FAILOVER', SENTINEL_MASTER_NAME);
        } finally {
          client.disconnect();
        }
        await done;
        current = to;
      },
      async killMaster(timeoutMs) {
        const [from, to] = [current, other()];
        const done = promoted(from, to, timeoutMs);
        const node = nodes.get(from)!;
        node.child.kill('SIGKILL');
        await exitOf(node.child);
        await done;
        current = to;
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
