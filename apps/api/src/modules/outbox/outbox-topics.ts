/**
 * What an outbox row asks for once its transaction has committed. The dispatcher turns each row
 * into one BullMQ job (or one live push), except text messages: a claimed batch's `notification.sms`
 * rows become one job. Payloads carry ids only, never personal data.
 */
export const OUTBOX_TOPICS = {
  /** A deadline step of one ticket: `{ ticketId, step, deadlineVersion, dueAt }` → queue `ticket-deadlines`. */
  deadline_check: 'ticket.deadline.check',
  /**
   * A text message for a notification: row payload `{ notificationId }`; a batch's rows go to queue
   * `notifications` as one job `{ notificationIds }` (`SMS_BATCH_JOB_ID_PREFIX`, at most `MAX_SMS_PER_JOB`).
   */
  sms_send: 'notification.sms',
  /** A console push: `{ topic: 'unit:<id>' | 'user:<id>', payload }` → Redis pub/sub, no queue. */
  live_push: 'live.push',
  /** A warning's text message (and red phone broadcast) to one recipient: `{ warningRecipientId, round }` → queue `warnings`. */
  warning_deliver: 'warning.deliver',
} as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[keyof typeof OUTBOX_TOPICS];
export const OUTBOX_TOPIC_VALUES: readonly OutboxTopic[] = Object.freeze(Object.values(OUTBOX_TOPICS));

export function isOutboxTopic(value: unknown): value is OutboxTopic {
  return typeof value === 'string' && (OUTBOX_TOPIC_VALUES as readonly string[]).includes(value);
}

/** Queues fed by the outbox (kebab-case) and the repeatable housekeeping queue. */
export const DELIVERY_QUEUES = {
  deadlines: 'ticket-deadlines',
  notifications: 'notifications',
  housekeeping: 'outbox',
} as const;

/** Where each queued topic goes: queue and job name (dotted). `live.push` goes to pub/sub instead. */
export const TOPIC_ROUTES = {
  'ticket.deadline.check': { queue: DELIVERY_QUEUES.deadlines, jobName: 'ticket.deadline.check' },
  'notification.sms': { queue: DELIVERY_QUEUES.notifications, jobName: 'notification.sms' },
  'warning.deliver': { queue: 'warnings', jobName: 'warning.deliver' },
} as const;

/** BullMQ forbids ':' in custom job ids; the dedupe key becomes the job id with ':' → '-'. */
export function jobIdFromDedupeKey(dedupeKey: string): string {
  return dedupeKey.replaceAll(':', '-');
}

/**
 * A text-message job carries at most this many notifications: the relay splits a larger batch, and
 * the worker refuses a larger job (one statement's array, one job's run time).
 */
export const MAX_SMS_PER_JOB = 500;

/** Prefix of a text-message job's id, followed by a hash of its rows' dedupe keys. */
export const SMS_BATCH_JOB_ID_PREFIX = 'sms-batch-';

/** Pub/sub channel a committed writer publishes on to wake the dispatchers at once. */
export const outboxNudgeChannel = (redisPrefix: string) => `${redisPrefix}outbox:nudge`;
