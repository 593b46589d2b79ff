/** Every drill, in the order `pnpm drills` runs them. */
import type { DrillDefinition } from './lib/drill-types.js';
import { amiLinkCutDrill } from './ami-link-cut.js';

export const DRILLS: DrillDefinition[] = [amiLinkCutDrill];
