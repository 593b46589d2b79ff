/** Statistics at city scale: waits for the measurement (data: `pnpm gen:city`). */
import { createPendingBenchmark } from './lib/pending-benchmark.js';

export const statistics = createPendingBenchmark(
  'statistics',
  'Statistics and one-click assessment at city scale (3 M calls, 1 M tickets)',
  ['apps/api/src/modules/statistics/statistics.routes.ts', 'apps/api/src/modules/assessment/assessment.routes.ts'],
  'Plan: pnpm gen:city --fresh, then time the statistics and assessment routes for a month, a half-year and a year (p50/p99, cold and warm rollups) against a plain COUNT(*) GROUP BY over the same rows as the baseline.',
);
