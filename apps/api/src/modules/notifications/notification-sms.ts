/**
 * The text message a notification sends: to its unit or user (an address the gateway resolves,
 * never a phone number), its title as the body, and a dedupe key from the notification's own,
 * so a redone job sends once. Given twice, kept side by side so they cannot drift apart: as a
 * message for any gateway (`notificationSms`), and as the record-only gateway's one statement
 * that reads the notification and records its message (`recordNotificationSms`).
 */
import { randomUUID } from 'node:crypto';
import { PREPARED_SQL, type Notification, type PrismaClient } from '@yixian/db';
import type { SmsMessageInput } from './sms-gateway.js';

/** The message for a notification a job has read. */
export function notificationSms(notification: Pick<Notification, 'unitId' | 'userId' | 'title' | 'dedupeKey' | 'ticketId'>): SmsMessageInput {
  return {
    to: notification.unitId ? `unit:${notification.unitId}` : `user:${notification.userId}`,
    body: notification.title,
    dedupeKey: `sms-${notification.dedupeKey}`,
    ticketId: notification.ticketId,
  };
}

/**
 * Reads the notification and records its message in one statement (`sms_message`, gateway
 * `record-only`) unless its dedupe key was recorded before. Returns whether this call recorded it,
 * or null when there is no such notification; throws as `send` does for an empty title.
 */
export async function recordNotificationSms(prisma: Pick<PrismaClient, '$queryRaw'>, notificationId: string): Promise<boolean | null> {
  // createdAt is sent (UTC, as Prisma's writes keep it): the column's default is in the server's time zone.
  const [row] = await prisma.$queryRaw<Array<{ hasBody: boolean | null; sent: boolean }>>`${PREPARED_SQL}
    WITH message AS (
      SELECT CASE WHEN "unitId" IS NOT NULL THEN 'unit:' || "unitId" ELSE 'user:' || coalesce("userId", 'null') END AS recipient,
        title AS body, 'sms-' || "dedupeKey" AS "dedupeKey", "ticketId"
      FROM notification WHERE id = ${notificationId}
    ), recorded AS (
      INSERT INTO sms_message (id, "dedupeKey", recipient, body, "ticketId", gateway, status, "createdAt")
      SELECT ${randomUUID()}, "dedupeKey", recipient, body, "ticketId", 'record-only', 'recorded', ${new Date().toISOString()}::timestamp
      FROM message WHERE body <> ''
      ON CONFLICT DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT body <> '' FROM message) AS "hasBody", EXISTS (SELECT 1 FROM recorded) AS sent`;
  if (!row || row.hasBody === null) return null;
  if (!row.hasBody) throw new TypeError('sms: to, body and dedupeKey are required');
  return row.sent;
}
