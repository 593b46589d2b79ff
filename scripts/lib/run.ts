/** Child processes for the start and test commands: prefixed output, exit codes, clean stops. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { constants } from 'node:os';
import { join } from 'node:path';
import { CappedLogFile, formatForTerminal, levelOfLine, terminalLevelOf } from './process-log.js';

export const REPO_ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/**
 * How a long-running TypeScript process is started: `node --import tsx <script>`, one process.
 * Not the `tsx` CLI: it runs the script in a second process and relays a SIGTERM it receives
 * with a 30 ms wait for the child's acknowledgement, then SIGKILLs the child and exits 143. A
 * process whose event loop is busy for longer (a job, a busy machine) was killed mid-drain with
 * its BullMQ jobs left active (found by the sigterm-drain drill).
 */
export function nodeTsArgs(script: string, args: string[] = [], nodeFlags: readonly string[] = []): [command: string, args: string[]] {
  return [process.execPath, [...nodeFlags, '--import', 'tsx', script, ...args]];
}

/**
 * Node flags of the API and worker processes. A larger young generation (V8's default semi-space
 * is 16 MB on 64-bit) lets a request's short-lived objects die before a scavenge copies them:
 * measured with `pnpm bench ticket-api`, ~10 % less CPU per request in both processes
 * (scripts/bench/README.md), for up to ~50 MB more memory each. The README's deployment table
 * gives the same flags.
 */
export const SERVER_NODE_FLAGS: readonly string[] = Object.freeze(['--max-semi-space-size=32']);

const COLOURS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];
let colourIndex = 0;

/** Runs a command to completion, streaming its output; resolves with the exit code. */
export function runStep(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

/** Runs a command and throws when it fails. */
export async function mustRun(label: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const code = await runStep(command, args, options);
  if (code !== 0) throw new Error(`${label} failed (exit ${code})`);
}

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code when the process has exited (128 + the signal's number when killed by one). */
  exited: Promise<number>;
}

export interface ServiceOptions {
  /**
   * Quiet mode: the process's whole output goes to `<logDir>/<name>.log` (size-capped, one
   * `.1` backup) and the terminal gets only log records at LOG_LEVEL or above (default
   * warnings), shortened, and whatever the process writes to stderr. Without it every line is
   * shown (the test command, whose output CI keeps).
   */
  logDir?: string;
}

/** Starts a long-running process whose lines are prefixed with its name. */
export function startService(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, options: ServiceOptions = {}): ServiceProcess {
  const colour = COLOURS[colourIndex++ % COLOURS.length];
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `${colour}${name.padEnd(9)}\x1b[0m│ `;
  const file = options.logDir ? new CappedLogFile(join(options.logDir, `${name}.log`)) : undefined;
  const threshold = terminalLevelOf(env);
  const forward = (stream: NodeJS.WritableStream, isStderr: boolean) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      if (!file) {
        stream.write(`${prefix}${line}\n`);
        continue;
      }
      file.write(`${line}\n`);
      const level = levelOfLine(line);
      if (level === null ? isStderr : level >= threshold) stream.write(`${prefix}${level === null ? line : formatForTerminal(line)}\n`);
    }
  };
  child.stdout?.on('data', forward(process.stdout, false));
  child.stderr?.on('data', forward(process.stderr, true));
  // Killed by a signal: 128 + its number, as a shell reports it (SIGKILL = 137).
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => {
    file?.close();
    resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 0));
  }));
  return { name, child, exited };
}

/** SIGTERM to each, then SIGKILL whoever is still there after the grace period. */
export async function stopServices(services: ServiceProcess[], graceMs = 30_000): Promise<void> {
  await Promise.all(
    services.map(async (service) => {
      if (service.child.exitCode !== null) return;
      service.child.kill('SIGTERM');
      const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
      await service.exited;
      clearTimeout(timer);
    }),
  );
}

/** Polls a URL until it answers with one of the statuses wanted, or throws after the timeout. */
export async function waitForHttp(url: string, isReady: (status: number, body: string) => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      const body = await response.text();
      if (isReady(response.status, body)) return;
      last = `${response.status} ${body.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}`);
}

/** A loopback TCP port free at the time of asking (the OS picks it). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
