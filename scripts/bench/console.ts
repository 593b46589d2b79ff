/** Console at city scale: waits for the agent desk and the measurement. */
import { createPendingBenchmark } from './lib/pending-benchmark.js';

export const consoleBench = createPendingBenchmark(
  'console',
  'Console: agent desk and ticket list on a city-sized database',
  ['apps/console/src/views/agent', 'apps/console/dist/index.html'],
  'Plan: on a gen:city database, drive the built console in Chromium (playwright-core) and time the agent desk\'s first paint and the ticket list\'s filter → rows, against loading a static page as the baseline.',
);
