/**
 * Publishing one revision, inside the approval's transaction: the recipients of the targets get a
 * row each (revision-stamped, so a republished warning is acknowledged again), an inbox entry
 * (kind `warning`, live push), and an outbox row that makes the `warnings` queue send their text
 * message — and, for red, place the phone broadcast. Job payloads carry the recipient's id only.
 */
import type { Prisma, Warning } from '@yixian/db';
import { notify } from '../notifications/notify.js';
import { NOTIFICATION_KINDS } from '../notifications/notification-kinds.js';
import { addToOutbox } from '../outbox/add-to-outbox.js';
import { OUTBOX_TOPICS } from '../outbox/outbox-topics.js';
import { resolveRecipients } from './resolve-recipients.js';
import { noticeTitle } from './warning-words.js';
import type { WarningTargets } from './warnings.schemas.js';

/** The outbox row of one delivery round (0 = publication, 1-3 = reminders). */
export async function queueDelivery(tx: Prisma.TransactionClient, warningRecipientId: string, round: number): Promise<void> {
  await addToOutbox(tx, {
    topic: OUTBOX_TOPICS.warning_deliver,
    dedupeKey: `warning-deliver-${warningRecipientId}-${round}`,
    payload: { warningRecipientId, round },
  });
}

/** Returns how many recipients the revision reached. */
export async function publishRevision(tx: Prisma.TransactionClient, warning: Warning, now: Date): Promise<number> {
  const resolved = await resolveRecipients(tx, warning.targets as WarningTargets);
  await tx.warningRecipient.createMany({
    data: resolved.map((recipient) => ({ ...recipient, warningId: warning.id, revision: warning.revision, createdAt: now })),
    skipDuplicates: true,
  });
  const rows = await tx.warningRecipient.findMany({ where: { warningId: warning.id, revision: warning.revision }, select: { id: true, unitId: true, userId: true } });
  const title = noticeTitle(warning);
  for (const row of rows) {
    const target = row.unitId ? { unitId: row.unitId } : { userId: row.userId! };
    await notify(tx, target, { ticketId: null, kind: NOTIFICATION_KINDS.warning, dedupeKey: `warning-${row.id}`, title, body: warning.text.slice(0, 1000), sms: false });
    await queueDelivery(tx, row.id, 0);
  }
  return rows.length;
}
