/** The fault drills that need the real Asterisk, in their quick form (see scripts/drills). */
import { describe, expect, it } from 'vitest';
import { runDrill } from '../../scripts/drills/index.js';
import { DRILLS } from '../../scripts/drills/registry.js';

describe('fault drills on a real Asterisk 22 (quick)', () => {
  for (const drill of DRILLS.filter((d) => d.suite === 'live')) {
    it(`${drill.name}: nothing lost or duplicated, every call as queue_log has it`, { timeout: 300_000 }, async () => {
      const result = await runDrill(drill, true);
      expect(result.failures).toEqual([]);
      expect(result.lost).toBe(0);
      expect(result.duplicated).toBe(0);
    });
  }
});
