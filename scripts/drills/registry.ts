/** Every drill, in the order `pnpm drills` runs them. */
import type { DrillDefinition } from './lib/drill-types.js';
import { amiLinkCutDrill } from './ami-link-cut.js';
import { badInputDrill } from './bad-input.js';
import { workerKillDrill } from './worker-kill.js';
import { postgresStopDrill } from './postgres-stop.js';
import { redisRestartDrill } from './redis-restart.js';
import { sigtermDrainDrill } from './sigterm-drain.js';
import { asteriskLinkCutDrill } from './asterisk-link-cut.js';
import { asteriskRestartDrill } from './asterisk-restart.js';
import { multiProcessDrill } from './multi-process.js';
import { backupRestoreDrill } from './backup-restore.js';

export const DRILLS: DrillDefinition[] = [
  amiLinkCutDrill, workerKillDrill, postgresStopDrill, redisRestartDrill, sigtermDrainDrill, badInputDrill, asteriskLinkCutDrill, asteriskRestartDrill, backupRestoreDrill, multiProcessDrill,
];
