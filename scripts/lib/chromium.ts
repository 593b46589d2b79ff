/** Browser tests drive Debian's Chromium; install it when missing and allowed (root with apt-get). */
import { existsSync } from 'node:fs';
import { mustRun } from './run.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM_PATH)) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  console.log('Installing Debian chromium for the browser tests …');
  await mustRun('apt-get update', 'apt-get', ['update', '-qq']);
  await mustRun('apt-get install chromium', 'apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk']);
}
