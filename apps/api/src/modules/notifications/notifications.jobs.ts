/**
 * Queue `notifications`: job `notification.sms` with `{ notificationId }`. Reads the inbox entry
 * and hands its text to the SMS gateway with the entry's dedupe key, so a redone job sends once.
 * The recipient is an address the gateway resolves (`unit:<id>`, `user:<id>`): phone numbers never
 * travel in jobs.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { DELIVERY_QUEUES } from '../outbox/outbox-topics.js';
import { createRecordOnlySmsGateway } from './sms-gateway.js';

export async function processNotificationJob(job: Job, context: WorkerContext): Promise<{ sent: boolean }> {
  if (job.name !== 'notification.sms') throw new UnrecoverableError(`notifications: unknown job ${job.name}`);
  const id = (job.data as { notificationId?: unknown } | null)?.notificationId;
  if (typeof id !== 'string' || !id) throw new UnrecoverableError('notifications: notificationId is required');
  const notification = await context.prisma.notification.findUnique({ where: { id } });
  if (!notification) throw new UnrecoverableError(`notifications: notification ${id} does not exist`);
  const to = notification.unitId ? `unit:${notification.unitId}` : `user:${notification.userId}`;
  context.smsGateway ??= createRecordOnlySmsGateway(context.prisma);
  const sent = await context.smsGateway.send({ to, body: notification.title, dedupeKey: `sms-${notification.dedupeKey}`, ticketId: notification.ticketId });
  return { sent };
}

export const notificationsQueue: QueueDefinition = {
  name: DELIVERY_QUEUES.notifications,
  concurrency: 4,
  process: processNotificationJob,
};
