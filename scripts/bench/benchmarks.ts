/** Every benchmark `pnpm bench` knows, in the order they run. */
import type { Benchmark } from './lib/bench-result.js';
import { amiIngest } from './ami-ingest.js';
import { deadlines } from './deadlines.js';
import { ticketApi } from './ticket-api.js';
import { screenPop } from './screen-pop.js';
import { statistics } from './statistics.js';
import { consoleBench } from './console.js';
import { ticketSearch } from './ticket-search.js';
import { knowledgeSearch } from './knowledge-search.js';

export const BENCHMARKS: Benchmark[] = [amiIngest, screenPop, ticketApi, deadlines, statistics, ticketSearch, knowledgeSearch, consoleBench];
