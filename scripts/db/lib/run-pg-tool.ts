/**
 * Runs pg_dump or pg_restore against a URL without putting the password on the command line
 * (other users' `ps` would see it): it goes in PGPASSWORD. A failure becomes a BackupError with
 * the tool's last lines of output.
 */
import { spawn } from 'node:child_process';
import { BackupError } from './backup-error.js';

export async function runPgTool(path: string, args: string[], url: string): Promise<void> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env = { ...process.env, PGAPPNAME: 'yixian-backup', ...(password ? { PGPASSWORD: password } : {}) };
  const child = spawn(path, [...args, '--no-password', `--dbname=${parsed.href}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new BackupError(`${path} exited with code ${code}: ${stderr.trim().split('\n').slice(-5).join(' | ') || 'no message'}`);
}
