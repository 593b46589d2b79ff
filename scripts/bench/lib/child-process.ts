/**
 * Processes under test run as children (the API, a bridge, the PBX simulator), so their RSS and
 * CPU are their own and the load generator does not share their event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');

export interface Child {
  process: ChildProcess;
  /** The first stdout line matching `ready`, with its match. */
  ready: Promise<RegExpMatchArray>;
  /** Last lines of stderr/stdout, for error messages. */
  tail(): string;
  stop(): Promise<void>;
}

/**
 * Starts `tsx <script> …args`; `ready` resolves on the first stdout line matching the pattern.
 * `nodeArgs` go to Node before the script (Node refuses `--cpu-prof` in NODE_OPTIONS), followed
 * by `BENCH_NODE_FLAGS` (space-separated, e.g. `--trace-gc`). With `BENCH_CHILD_LOGS=<dir>` the
 * child's whole stdout and stderr go to `<dir>/<name>.log`, its first line the spawn time (ISO).
 */
export function startTsx(name: string, script: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 60_000, nodeArgs: string[] = []): Child {
  const extraFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(TSX, [...nodeArgs, ...extraFlags, script, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logDir = process.env.BENCH_CHILD_LOGS;
  if (logDir) {
    mkdirSync(logDir, { recursive: true });
    const file = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
    file.write(`spawned ${new Date().toISOString()}\n`);
    child.stdout.pipe(file, { end: false });
    child.stderr.pipe(file, { end: false });
    child.once('exit', () => file.end());
  }
  const lines: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stderr.on('data', remember);
  const readyPromise = new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready within ${timeoutMs} ms:\n${lines.join('\n')}`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      remember(chunk);
      for (const line of String(chunk).split('\n')) {
        const match = line.match(ready);
        if (match) {
          clearTimeout(timer);
          resolve(match);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${lines.join('\n')}`));
    });
  });
  readyPromise.catch(() => undefined);
  return {
    process: child,
    ready: readyPromise,
    tail: () => lines.join('\n'),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    }),
  };
}

/** Resident set size of a process in MiB (Linux /proc), or null if it is gone. */
export function readRssMiB(pid: number): number | null {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)\s+kB/);
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** Samples RSS of a process every `everyMs` until stopped; returns the samples in MiB. */
export function sampleRss(pid: number, everyMs: number): { stop(): Array<{ atS: number; rssMiB: number }> } {
  const start = performance.now();
  const samples: Array<{ atS: number; rssMiB: number }> = [];
  const take = () => {
    const rss = readRssMiB(pid);
    if (rss !== null) samples.push({ atS: Math.round((performance.now() - start) / 100) / 10, rssMiB: rss });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** Rejects after `ms` with a message naming what was awaited; bounded waits everywhere. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
