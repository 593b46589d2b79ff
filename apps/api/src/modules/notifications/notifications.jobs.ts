/**
 * Queue `notifications`: job `notification.sms` with `{ notificationId }`. Sends the inbox entry's
 * text (`notificationSms`) through the SMS gateway with the entry's dedupe key, so a redone job
 * sends once: the record-only gateway reads and records it in one statement
 * (`SmsGateway.sendNotification`); a gateway without that path is handed the message read here.
 * The recipient is an address the gateway resolves (`unit:<id>`, `user:<id>`): phone numbers never
 * travel in jobs.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { DELIVERY_QUEUES } from '../outbox/outbox-topics.js';
import { notificationSms } from './notification-sms.js';
import { createRecordOnlySmsGateway } from './sms-gateway.js';

export async function processNotificationJob(job: Job, context: WorkerContext): Promise<{ sent: boolean }> {
  if (job.name !== 'notification.sms') throw new UnrecoverableError(`notifications: unknown job ${job.name}`);
  const id = (job.data as { notificationId?: unknown } | null)?.notificationId;
  if (typeof id !== 'string' || !id) throw new UnrecoverableError('notifications: notificationId is required');
  const gateway = (context.smsGateway ??= createRecordOnlySmsGateway(context.prisma));
  let sent: boolean | null;
  if (gateway.sendNotification) {
    // The record-only gateway: the read and the record in one statement.
    sent = await gateway.sendNotification(id);
  } else {
    const notification = await context.prisma.notification.findUnique({ where: { id } });
    sent = notification ? await gateway.send(notificationSms(notification)) : null;
  }
  if (sent === null) throw new UnrecoverableError(`notifications: notification ${id} does not exist`);
  return { sent };
}

export const notificationsQueue: QueueDefinition = {
  name: DELIVERY_QUEUES.notifications,
  concurrency: 4,
  process: processNotificationJob,
};
