/**
 * Quiet by default: a started process's output goes whole to its own file under `.data/logs/`
 * (`api.log`, `worker.log`, …; one backup `<name>.log.1` once it passes the size cap) and only
 * what a person at the terminal must see reaches it — log lines at the terminal level or above
 * (warnings and errors; LOG_LEVEL lowers it, e.g. `LOG_LEVEL=info npm start`) and anything the
 * process writes to stderr (a crash). Request logs and info lines stay in the file, so the start
 * banner is not scrolled away.
 */
import { closeSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** pino's numeric levels. */
export const LOG_LEVEL_VALUES: Readonly<Record<string, number>> = Object.freeze({
  trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Number.POSITIVE_INFINITY,
});

/** Default size cap of one log file before it is rotated to `<file>.1`. */
export const LOG_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** The terminal threshold: LOG_LEVEL if it names a level, else warnings and up. */
export function terminalLevelOf(env: NodeJS.ProcessEnv = process.env): number {
  const level = env.LOG_LEVEL?.trim();
  return level && level in LOG_LEVEL_VALUES ? LOG_LEVEL_VALUES[level]! : LOG_LEVEL_VALUES.warn!;
}

/** An append-only file that starts over (keeping one `.1` backup) once it passes `maxBytes`. */
export class CappedLogFile {
  private fd: number;
  private size: number;

  constructor(readonly path: string, private readonly maxBytes = LOG_FILE_MAX_BYTES) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
    this.size = statSync(path).size;
  }

  write(text: string): void {
    const bytes = Buffer.from(text);
    if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
    writeSync(this.fd, bytes);
    this.size += bytes.length;
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    renameSync(this.path, `${this.path}.1`);
    this.fd = openSync(this.path, 'a');
    this.size = 0;
  }
}

/** The pino level of one output line, or null for a line that is not a pino JSON record. */
export function levelOfLine(line: string): number | null {
  if (!line.startsWith('{')) return null;
  const match = /"level":(\d+)/.exec(line);
  return match ? Number(match[1]) : null;
}

/** A short human line for the terminal from a pino record: `WARN  message (key=value …)`. */
export function formatForTerminal(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { level, time: _time, pid: _pid, hostname: _host, name: _name, msg, ...rest } = record;
  const label = Object.entries(LOG_LEVEL_VALUES).find(([, value]) => value === level)?.[0] ?? String(level);
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${label.toUpperCase().padEnd(5)} ${String(msg ?? '')}${extra}`;
}
