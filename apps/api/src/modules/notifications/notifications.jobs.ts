/**
 * Queue `notifications`: job `notification.sms` with `{ notificationIds }` (one relay pass's text
 * messages; `{ notificationId }` from jobs queued before passes were batched is still taken).
 * Sends each inbox entry's text (`notificationSms`) through the SMS gateway with the entry's dedupe
 * key, so a redone job, or a notification in two jobs, sends once: the record-only gateway reads
 * and records the whole list in one statement (`SmsGateway.sendNotifications`); a gateway without
 * that path is handed, one by one, the messages read here. A notification that does not exist is
 * skipped (logged by id) rather than failing its neighbours; a job none of whose notifications
 * exists fails for good. The recipient is an address the gateway resolves (`unit:<id>`,
 * `user:<id>`): phone numbers never travel in jobs.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { DELIVERY_QUEUES, MAX_SMS_PER_JOB } from '../outbox/outbox-topics.js';
import { notificationSms, type NotificationSmsOutcome } from './notification-sms.js';
import { createRecordOnlySmsGateway } from './sms-gateway.js';

export interface NotificationJobResult {
  sent: number;
  alreadySent: number;
  missing: number;
}

/** The job's notification ids, without repeats; a payload of neither shape fails for good, naming the field. */
function notificationIdsOf(data: unknown): string[] {
  const payload = (data ?? {}) as { notificationId?: unknown; notificationIds?: unknown };
  if (payload.notificationIds === undefined) {
    if (typeof payload.notificationId === 'string' && payload.notificationId) return [payload.notificationId];
    throw new UnrecoverableError('notifications: notificationIds (or, from before batching, notificationId) is required');
  }
  const ids = payload.notificationIds;
  if (!Array.isArray(ids)) throw new UnrecoverableError('notifications: notificationIds must be an array');
  if (ids.length === 0 || ids.length > MAX_SMS_PER_JOB) throw new UnrecoverableError(`notifications: notificationIds must hold 1 to ${MAX_SMS_PER_JOB} ids`);
  if (!ids.every((id): id is string => typeof id === 'string' && id !== '')) throw new UnrecoverableError('notifications: notificationIds must hold non-empty strings only');
  return [...new Set(ids)];
}

/**
 * Sends each notification's message and returns each one's outcome. Through `send`, a message
 * that fails does not stop the others; the first failure is thrown after them, so BullMQ retries
 * the job and the dedupe keys keep the ones sent from going twice.
 */
async function sendNotificationSms(context: WorkerContext, ids: readonly string[]): Promise<Map<string, NotificationSmsOutcome>> {
  const gateway = (context.smsGateway ??= createRecordOnlySmsGateway(context.prisma));
  // The record-only gateway: the reads and the records in one statement.
  if (gateway.sendNotifications) return gateway.sendNotifications(ids);
  const notifications = new Map((await context.prisma.notification.findMany({ where: { id: { in: [...ids] } } })).map((n) => [n.id, n]));
  const outcomes = new Map<string, NotificationSmsOutcome>();
  let failure: unknown;
  for (const id of ids) {
    const notification = notifications.get(id);
    if (!notification) {
      outcomes.set(id, 'missing');
      continue;
    }
    try {
      outcomes.set(id, (await gateway.send(notificationSms(notification))) ? 'sent' : 'already_sent');
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
  return outcomes;
}

export async function processNotificationJob(job: Job, context: WorkerContext): Promise<NotificationJobResult> {
  if (job.name !== 'notification.sms') throw new UnrecoverableError(`notifications: unknown job ${job.name}`);
  const ids = notificationIdsOf(job.data);
  const outcomes = await sendNotificationSms(context, ids);
  const missing = ids.filter((id) => outcomes.get(id) === 'missing');
  if (missing.length === ids.length) {
    throw new UnrecoverableError(ids.length === 1 ? `notifications: notification ${ids[0]} does not exist` : `notifications: the job's ${ids.length} notifications do not exist (${ids[0]}, …)`);
  }
  if (missing.length > 0) context.log.warn({ jobId: job.id, notificationIds: missing }, 'notifications: skipped the text messages of notifications that do not exist');
  const count = (outcome: NotificationSmsOutcome) => ids.filter((id) => outcomes.get(id) === outcome).length;
  return { sent: count('sent'), alreadySent: count('already_sent'), missing: missing.length };
}

export const notificationsQueue: QueueDefinition = {
  name: DELIVERY_QUEUES.notifications,
  concurrency: 4,
  process: processNotificationJob,
};
