import { describe, expect, it } from 'vitest';
import { startProcess, stopProcess } from './child-process.js';

describe('drill child processes', () => {
  it('a SIGTERM reaches the process itself, even while its event loop is busy (no launcher kills it)', async () => {
    const proc = startProcess('worker', { PATH: process.env.PATH }, 'scripts/drills/lib/fixtures/busy-drain.ts');
    await proc.waitForLine(/^ready$/, 30_000);
    const stop = await stopProcess(proc, 'SIGTERM', 20_000);
    expect(stop).toMatchObject({ code: 0, forced: false });
    expect(proc.tail()).toContain('drained');
  }, 60_000);
});
