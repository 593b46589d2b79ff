/**
 * The short form of every fault drill, inside the test command, so that none of them rots.
 * Asserts that each drill completed and found nothing lost, duplicated or otherwise wrong;
 * never a timing threshold (the figures are printed by `pnpm drills`, not judged here).
 */
import { describe, expect, it } from 'vitest';
import { runDrill } from './index.js';
import { DRILLS } from './registry.js';

describe('fault drills (quick)', () => {
  it('has drills, each with a unique name', () => {
    expect(DRILLS.length).toBeGreaterThan(0);
    expect(new Set(DRILLS.map((drill) => drill.name)).size).toBe(DRILLS.length);
  });

  // Drills on the real Asterisk run in the live suite (telephony/live/drills.live.test.ts).
  for (const drill of DRILLS.filter((d) => d.suite !== 'live')) {
    const test = drill.skipInTestCommand ? it.skip : it;
    test(`${drill.name}: nothing lost or duplicated${drill.skipInTestCommand ? ` (left out: ${drill.skipInTestCommand})` : ''}`, { timeout: 600_000 }, async () => {
      const result = await runDrill(drill, true);
      expect(result.failures).toEqual([]);
      expect(Object.keys(result.figures).length).toBeGreaterThan(0);
      expect(result.lost).toBe(0);
      expect(result.duplicated).toBe(0);
    });
  }
});
