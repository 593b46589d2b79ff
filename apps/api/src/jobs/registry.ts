/**
 * The one job registry (documenso): each queue with its processor. The worker process runs
 * them all; an API copy only enqueues. Modules add their `<domain>.jobs.ts` here.
 */
import type { Job } from 'bullmq';
import type { WorkerContext } from './worker-context.js';
import { callEventsQueue } from '../modules/calls/calls.jobs.js';
import { DELIVERY_QUEUE_DEFINITIONS } from './delivery-queues.js';
import { statisticsQueue } from '../modules/statistics/statistics.jobs.js';
import { accountingQueue } from '../modules/accounting/accounting.jobs.js';
import { wallboardQueue } from '../modules/wallboard/wallboard.jobs.js';
import { pbxConfigQueue } from '../modules/hotlines/pbx-config-sync.js';
import { leftoversQueue } from './leftovers-queue.js';
import { alertCallsQueue } from '../modules/alert-calls/alert-calls.jobs.js';
import { dutyRostersQueue } from '../modules/duty-rosters/duty-rosters.jobs.js';
import { warningsQueue } from '../modules/warnings/warnings.jobs.js';
import { incidentTasksQueue } from '../modules/incident-tasks/incident-tasks.jobs.js';
import { incidentsQueue } from '../modules/incidents/incidents.jobs.js';

export interface QueueDefinition {
  /** Queue name, kebab-case (STYLE.md). */
  name: string;
  concurrency: number;
  /** `token` is the worker's lock token (needed to move a job back to the delayed set). */
  process(job: Job, context: WorkerContext, token?: string): Promise<unknown>;
  /** Repeatable jobs; the fixed scheduler id makes every worker copy upsert the same one. */
  repeat?: { schedulerId: string; everyMs: number; jobName: string }[];
}

export const QUEUES: QueueDefinition[] = [callEventsQueue, ...DELIVERY_QUEUE_DEFINITIONS, statisticsQueue, accountingQueue, wallboardQueue, pbxConfigQueue, leftoversQueue, dutyRostersQueue, warningsQueue, incidentTasksQueue, alertCallsQueue, incidentsQueue];
