/**
 * The product's real processes (api, worker, bridge) started by a drill (`node --import tsx`): output kept
 * (last lines, for error messages; never printed: it may hold what the process logs), a wait
 * for a line, signals, and the exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT, nodeTsArgs } from '../../lib/run.js';
import { DrillTimeoutError } from './wait-for.js';

export const PROCESS_ENTRIES = {
  api: 'apps/api/src/server.ts',
  worker: 'apps/api/src/worker.ts',
  bridge: 'apps/bridge/src/main.ts',
} as const;
export type ProcessKind = keyof typeof PROCESS_ENTRIES;

export interface DrillProcess {
  kind: ProcessKind;
  child: ChildProcess;
  /** Exit code, or 128 + signal number when killed by a signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  /** Resolves when a line matching the pattern appears (already seen lines count). */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<void>;
  tail(): string;
}

/** Starts the product's process (or any TypeScript script) as `node --import tsx`: a signal reaches it directly. */
export function startProcess(kind: ProcessKind, env: NodeJS.ProcessEnv, script: string = PROCESS_ENTRIES[kind]): DrillProcess {
  const [command, args] = nodeTsArgs(script);
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
    }
    for (const listener of [...listeners]) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) =>
    child.on('exit', (code, signal) => {
      resolve({ code, signal, atMs: performance.now() });
      for (const listener of [...listeners]) listener();
    }),
  );
  return {
    kind,
    child,
    exited,
    tail: () => lines.slice(-15).join('\n'),
    waitForLine(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (lines.some((line) => pattern.test(line))) {
            done();
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`${kind} exited (${child.exitCode ?? child.signalCode}) before ${pattern}:\n${lines.slice(-15).join('\n')}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new DrillTimeoutError(`${kind} to print ${pattern}`, timeoutMs, lines.slice(-10).join('\n')));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Sends a signal and waits for the exit; SIGKILL after `graceMs`. Returns how long it took. */
export async function stopProcess(proc: DrillProcess, signal: NodeJS.Signals, graceMs = 30_000): Promise<{ ms: number; code: number | null; signal: NodeJS.Signals | null; forced: boolean }> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
    const gone = await proc.exited;
    return { ms: 0, code: gone.code, signal: gone.signal, forced: false };
  }
  const started = performance.now();
  let forced = false;
  proc.child.kill(signal);
  const timer = setTimeout(() => {
    forced = true;
    proc.child.kill('SIGKILL');
  }, graceMs);
  const gone = await proc.exited;
  clearTimeout(timer);
  return { ms: Math.round(gone.atMs - started), code: gone.code, signal: gone.signal, forced };
}
