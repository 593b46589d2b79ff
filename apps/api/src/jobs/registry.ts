/**
 * The one job registry (documenso): each queue with its processor. The worker process runs
 * them all; an API copy only enqueues. Modules add their `<domain>.jobs.ts` here.
 */
import type { Job } from 'bullmq';
import type { WorkerContext } from './worker-context.js';
import { callEventsQueue } from '../modules/calls/calls.jobs.js';

export interface QueueDefinition {
  /** Queue name, kebab-case (STYLE.md). */
  name: string;
  concurrency: number;
  process(job: Job, context: WorkerContext): Promise<unknown>;
}

export const QUEUES: QueueDefinition[] = [callEventsQueue];
