/**
 * A claimed batch's text-message rows as one job: under load a relay pass carries a few acts, each
 * with its own text message, and one job for them all spends one BullMQ lifecycle (add, move to
 * active, complete) and one statement where each message would have spent its own.
 *
 * The job id is a hash of the rows' dedupe keys in claim order, so a repeated hand-over of the same
 * rows (a crash after the enqueue, before the rows were marked) adds nothing. A different set is a
 * different job, even if it overlaps one handed over before: sending is idempotent per
 * notification (the message's dedupe key), so an overlap sends nothing twice.
 */
import { createHash } from 'node:crypto';
import { MAX_SMS_PER_JOB, SMS_BATCH_JOB_ID_PREFIX } from './outbox-topics.js';

export interface SmsRow {
  id: bigint;
  dedupeKey: string;
  notificationId: string;
  /** Milliseconds until the row's `runAt` (0 when it has none). */
  delay: number;
}

export interface SmsBatchJob {
  rowIds: bigint[];
  jobId: string;
  data: { notificationIds: string[] };
  delay: number;
}

/** The row's notification id, or the reason it cannot be sent (the row then fails alone). */
export function notificationIdOf(payload: Record<string, unknown>): string {
  const id = payload.notificationId;
  if (typeof id !== 'string' || !id) throw new TypeError('notification.sms: payload.notificationId must be a non-empty string');
  return id;
}

/** The job id for these rows (in claim order): the same rows give the same id. */
export function smsBatchJobId(dedupeKeys: readonly string[]): string {
  // Dedupe keys hold no newline (add-to-outbox checks them), so the joined text names the list.
  return `${SMS_BATCH_JOB_ID_PREFIX}${dedupeKeys.length}-${createHash('sha256').update(dedupeKeys.join('\n')).digest('hex').slice(0, 32)}`;
}

/**
 * The rows as jobs of at most `MAX_SMS_PER_JOB` notifications, in row order. A job waits for its
 * latest row (in practice none has a `runAt`), so no message goes before its time.
 */
export function batchSmsRows(rows: readonly SmsRow[]): SmsBatchJob[] {
  const jobs: SmsBatchJob[] = [];
  for (let start = 0; start < rows.length; start += MAX_SMS_PER_JOB) {
    const part = rows.slice(start, start + MAX_SMS_PER_JOB);
    jobs.push({
      rowIds: part.map((row) => row.id),
      jobId: smsBatchJobId(part.map((row) => row.dedupeKey)),
      data: { notificationIds: part.map((row) => row.notificationId) },
      delay: Math.max(...part.map((row) => row.delay)),
    });
  }
  return jobs;
}
