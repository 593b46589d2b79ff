import { fileURLToPath } from 'node:url';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folder with the bytes a real Asterisk 22 sent (see /work/shared/ami/README.md). */
export const RECORDINGS_DIR = process.env.AMI_RECORDINGS_DIR ?? fileURLToPath(new URL('./recordings', import.meta.url));

/** Read one recording, e.g. `a_answered` → the bytes Asterisk sent. */
export function readRecording(name: string): Buffer {
  return readFileSync(join(RECORDINGS_DIR, `${name}.txt`));
}

/** Names of all server-side recordings (without `.sent`). */
export function listRecordings(): string[] {
  return readdirSync(RECORDINGS_DIR)
    .filter((f) => f.endsWith('.txt') && !f.endsWith('.sent.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
}
