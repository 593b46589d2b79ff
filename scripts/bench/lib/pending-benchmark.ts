/**
 * A benchmark whose subject is still being built: it reports "not yet measurable" with the
 * reason (module absent, or present but the measurement not written yet) instead of a figure.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult, Benchmark } from './bench-result.js';
import { REPO_ROOT } from './child-process.js';

export function createPendingBenchmark(name: string, title: string, needs: string[], plan: string): Benchmark {
  return {
    name,
    title,
    async run({ quick }): Promise<BenchResult> {
      const missing = needs.filter((path) => !existsSync(join(REPO_ROOT, path)));
      const reason = missing.length > 0
        ? `not yet measurable: ${missing.join(', ')} absent`
        : `not yet measurable: ${needs.join(', ')} present, the measurement is not written yet`;
      return {
        name, title, status: 'not_measurable', quick, command: `pnpm bench ${name}`,
        parameters: { needs }, figures: { reason }, baseline: null, ratios: {}, targets: [], notes: [plan],
      };
    },
  };
}
