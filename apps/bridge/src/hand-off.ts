/**
 * The durable hand-off from bridge to API: every domain event becomes a BullMQ job on
 * `call-events` whose id is derived from the event, so a replay after a reconnect never
 * duplicates a call record. The caller's number and name stay out of the payload: they are
 * kept in a short-lived Redis hash that the calls module reads.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DomainEvent } from '@yixian/ami';
import { CALL_EVENTS_QUEUE, CALLER_TTL_SECONDS, bullPrefix, callerKey, type AlertCallResult, type CalloutResult } from '@yixian/runtime';

/** What travels in a `call-events` job: the domain event less personal data, plus the PBX. */
export type CallEventJob = (Omit<DomainEvent, never> & { pbxId: string }) | ResyncJob | CalloutResult | AlertCallResult;

/** After (re)connecting: which calls the PBX still has, so the API can close the rest. */
export interface ResyncJob {
  kind: 'pbx.resync';
  eventId: string;
  pbxId: string;
  at: string;
  /** Linkedids of calls still in the queue or talking. */
  liveLinkedids: string[];
  /** The PBX restarted (FullyBooted with Uptime 0): everything not live ended. */
  restarted: boolean;
}

/** BullMQ job ids may not contain ':' (its key separator); event ids do. */
export const jobIdFor = (pbxId: string, eventId: string) => `${pbxId}-${eventId.replaceAll(':', '.')}`;

export function createHandOff(connection: Redis, redisPrefix: string, pbxId: string) {
  const queue = new Queue(CALL_EVENTS_QUEUE, {
    connection,
    prefix: bullPrefix(redisPrefix),
    defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: { age: 3600, count: 50_000 }, removeOnFail: { age: 7 * 24 * 3600 } },
  });

  return {
    queue,
    /**
     * Hands a batch of events over in order: the callers' identities in one pipeline, then the
     * jobs in one `addBulk` (one round trip). Ids derived from the events keep a replay harmless.
     */
    async sendAll(events: readonly DomainEvent[]): Promise<void> {
      const callers = connection.pipeline();
      const jobs = events.map((event) => {
        // Offered, overflow and callback events name the caller: that waits beside the job.
        if (!('callerNumber' in event)) return { name: event.kind, data: { ...event, pbxId }, opts: { jobId: jobIdFor(pbxId, event.eventId) } };
        const key = callerKey(redisPrefix, pbxId, event.linkedid);
        if (event.callerNumber || event.callerName) callers.hset(key, { number: event.callerNumber ?? '', name: event.callerName ?? '' }).expire(key, CALLER_TTL_SECONDS);
        const { callerNumber: _number, callerName: _name, ...rest } = event;
        return { name: event.kind, data: { ...rest, pbxId }, opts: { jobId: jobIdFor(pbxId, event.eventId) } };
      });
      if (callers.length > 0) await callers.exec();
      if (jobs.length > 0) await queue.addBulk(jobs);
    },
    async send(event: DomainEvent): Promise<void> {
      await this.sendAll([event]);
    },
    async sendResync(job: Omit<ResyncJob, 'kind' | 'pbxId'>): Promise<void> {
      await queue.add('pbx.resync', { ...job, kind: 'pbx.resync', pbxId }, { jobId: jobIdFor(pbxId, job.eventId) });
    },
    /** A call-out's outcome (ids only); its id keeps a repeat harmless. */
    async sendCalloutResult(result: CalloutResult): Promise<void> {
      await queue.add(result.kind, result, { jobId: jobIdFor(pbxId, result.eventId) });
    },
    /** An alert call's outcome (ids only); its id keeps a repeat harmless. */
    async sendAlertResult(result: AlertCallResult): Promise<void> {
      await queue.add(result.kind, result, { jobId: jobIdFor(pbxId, result.eventId) });
    },
    close: () => queue.close(),
  };
}

export type HandOff = ReturnType<typeof createHandOff>;
