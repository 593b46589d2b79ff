/**
 * The text message a notification sends: to its unit or user (an address the gateway resolves,
 * never a phone number), its title as the body, and a dedupe key from the notification's own,
 * so a redone job sends once. Given twice, kept side by side so they cannot drift apart: as a
 * message for any gateway (`notificationSms`), and as the record-only gateway's one statement
 * that reads a pass's notifications and records their messages (`recordNotificationSms`).
 */
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

/** What one notification's text message came to: recorded now, recorded before, or no such notification. */
export type NotificationSmsOutcome = 'sent' | 'already_sent' | 'missing';

/**
 * Reads the notifications and records each one's message (`sms_message`, gateway `record-only`)
 * unless its dedupe key was recorded before, all in one statement whose text is the same for any
 * number of ids (they travel as one array), so it stays one prepared statement. Returns each id's
 * outcome in the order given; throws as `send` does for an empty title, after recording the others.
 */
export async function recordNotificationSms(prisma: Pick<PrismaClient, '$queryRaw'>, notificationIds: readonly string[]): Promise<Map<string, NotificationSmsOutcome>> {
  // createdAt is sent (UTC, as Prisma's own writes keep it): the column's default is in the server's time zone.
  const rows = await prisma.$queryRaw<Array<{ id: string; hasBody: boolean; sent: boolean }>>`${PREPARED_SQL}
    WITH message AS (
      SELECT id, CASE WHEN "unitId" IS NOT NULL THEN 'unit:' || "unitId" ELSE 'user:' || coalesce("userId", 'null') END AS recipient,
        title AS body, 'sms-' || "dedupeKey" AS "dedupeKey", "ticketId"
      FROM notification WHERE id = ANY(${[...notificationIds]}::text[])
    ), recorded AS (
      INSERT INTO sms_message (id, "dedupeKey", recipient, body, "ticketId", gateway, status, "createdAt")
      SELECT gen_random_uuid()::text, "dedupeKey", recipient, body, "ticketId", 'record-only', 'recorded', ${new Date().toISOString()}::timestamp
      FROM message WHERE body <> ''
      ON CONFLICT DO NOTHING
      RETURNING "dedupeKey"
    )
    SELECT message.id, message.body <> '' AS "hasBody", recorded."dedupeKey" IS NOT NULL AS sent
    FROM message LEFT JOIN recorded USING ("dedupeKey")`;
  const found = new Map(rows.map((row) => [row.id, row]));
  if (rows.some((row) => !row.hasBody)) throw new TypeError('sms: to, body and dedupeKey are required');
  return new Map(notificationIds.map((id): [string, NotificationSmsOutcome] => {
    const row = found.get(id);
    return [id, !row ? 'missing' : row.sent ? 'sent' : 'already_sent'];
  }));
}
