import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CappedLogFile, formatForTerminal, levelOfLine, terminalLevelOf } from './process-log.js';
import { startService } from './run.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yixian-logs-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('quiet process output', () => {
  it('writes every line to the log file and shows only warnings, errors and stderr at the terminal', async () => {
    const dir = tempDir();
    const shown: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (shown.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (shown.push(String(chunk)), true));
    const script = [
      `console.log(JSON.stringify({ level: 30, time: 1, msg: 'request completed', url: '/api/health' }))`,
      `console.log(JSON.stringify({ level: 40, time: 2, msg: 'AMI disconnected', reason: 'closed' }))`,
      `console.log('PBX simulator: AMI on 127.0.0.1:1')`,
      `console.error('Error: something broke')`,
    ].join(';');
    const service = startService('quiet', process.execPath, ['-e', script], { ...process.env, LOG_LEVEL: '' }, { logDir: dir });
    expect(await service.exited).toBe(0);
    vi.restoreAllMocks();

    const file = readFileSync(join(dir, 'quiet.log'), 'utf8');
    expect(file).toContain('request completed');
    expect(file).toContain('AMI disconnected');
    expect(file).toContain('PBX simulator: AMI on');
    expect(file).toContain('something broke');
    const terminal = shown.join('');
    expect(terminal).not.toContain('request completed');
    expect(terminal).not.toContain('PBX simulator');
    expect(terminal).toContain('WARN  AMI disconnected {"reason":"closed"}');
    expect(terminal).toContain('Error: something broke');
  });

  it('shows info records when LOG_LEVEL asks for them', () => {
    expect(terminalLevelOf({})).toBe(40);
    expect(terminalLevelOf({ LOG_LEVEL: 'info' })).toBe(30);
    expect(terminalLevelOf({ LOG_LEVEL: 'nonsense' })).toBe(40);
    expect(levelOfLine('{"level":50,"msg":"x"}')).toBe(50);
    expect(levelOfLine('plain text')).toBeNull();
    expect(formatForTerminal('{"level":50,"time":1,"pid":2,"hostname":"h","msg":"boom"}')).toBe('ERROR boom');
  });

  it('starts the file over past its size cap, keeping one backup', () => {
    const dir = tempDir();
    const log = new CappedLogFile(join(dir, 'api.log'), 100);
    log.write(`${'a'.repeat(80)}\n`);
    log.write(`${'b'.repeat(80)}\n`);
    log.close();
    expect(readFileSync(join(dir, 'api.log'), 'utf8')).toBe(`${'b'.repeat(80)}\n`);
    expect(existsSync(join(dir, 'api.log.1'))).toBe(true);
    expect(readFileSync(join(dir, 'api.log.1'), 'utf8')).toBe(`${'a'.repeat(80)}\n`);
  });
});
