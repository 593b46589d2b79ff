/** Every benchmark `pnpm bench` knows, in the order they run. */
import type { Benchmark } from './lib/bench-result.js';
import { amiIngest } from './ami-ingest.js';

export const BENCHMARKS: Benchmark[] = [amiIngest];
