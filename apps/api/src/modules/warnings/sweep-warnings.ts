/**
 * Job `warning.sweep`, every minute from one scheduler id (one run at a time across worker copies):
 * 1. expiry: a published (or awaiting-approval) warning past its validUntil → expired;
 * 2. reminders: a recipient of the revision in force, not acknowledged, last reached at least
 *    WARNING_REMIND_MINUTES ago and reminded fewer than 3 times → an inbox reminder and a new
 *    delivery round (text message, and the call again for red). Each reminder is claimed with a
 *    conditional update on its count, so two runs at once never remind twice.
 */
import type { PrismaClient } from '@yixian/db';
import { WARNING_STATES } from '@yixian/domain';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { notify } from '../notifications/notify.js';
import { NOTIFICATION_KINDS } from '../notifications/notification-kinds.js';
import { queueDelivery } from './publish-warning.js';
import { recordWarningAct } from './record-warning-act.js';
import { reminderTitle } from './warning-words.js';

export const MAX_WARNING_REMINDERS = 3;

export interface SweepDeps {
  prisma: PrismaClient;
  now: Date;
  remindMinutes: number;
}

export async function expireWarnings(deps: SweepDeps): Promise<string[]> {
  const due = await deps.prisma.warning.findMany({
    where: { state: { in: [WARNING_STATES.published, WARNING_STATES.pending_approval] }, validUntil: { lte: deps.now } }, select: { id: true, state: true, revision: true },
  });
  const expired: string[] = [];
  for (const warning of due) {
    await deps.prisma.$transaction(async (tx) => {
      const { count } = await tx.warning.updateMany({ where: { id: warning.id, state: warning.state }, data: { state: WARNING_STATES.expired, updatedAt: deps.now, version: { increment: 1 } } });
      if (count === 0) return;
      await recordWarningAct(tx, null, null, deps.now, { action: AUDIT_ACTIONS.warningExpire, warningId: warning.id, details: { revision: warning.revision, from: warning.state, to: WARNING_STATES.expired } });
      expired.push(warning.id);
    });
  }
  return expired;
}

export async function remindWarnings(deps: SweepDeps): Promise<{ reminded: number; warningIds: string[] }> {
  const cutoff = new Date(deps.now.getTime() - deps.remindMinutes * 60_000);
  const due = await deps.prisma.warningRecipient.findMany({
    where: {
      acknowledgedAt: null, remindedCount: { lt: MAX_WARNING_REMINDERS }, warning: { state: WARNING_STATES.published },
      OR: [{ lastRemindedAt: { lte: cutoff } }, { lastRemindedAt: null, createdAt: { lte: cutoff } }],
    },
    include: { warning: true }, orderBy: { createdAt: 'asc' }, take: 5000,
  });
  let reminded = 0;
  const warningIds = new Set<string>();
  for (const recipient of due) {
    if (recipient.revision !== recipient.warning.revision) continue;
    const round = recipient.remindedCount + 1;
    const claimed = await deps.prisma.$transaction(async (tx) => {
      const { count } = await tx.warningRecipient.updateMany({
        where: { id: recipient.id, remindedCount: recipient.remindedCount, acknowledgedAt: null }, data: { remindedCount: round, lastRemindedAt: deps.now },
      });
      if (count === 0) return false;
      const target = recipient.unitId ? { unitId: recipient.unitId } : { userId: recipient.userId! };
      await notify(tx, target, { ticketId: null, kind: NOTIFICATION_KINDS.warning_reminder, dedupeKey: `warning-${recipient.id}-remind-${round}`, title: reminderTitle(recipient.warning, round), body: recipient.warning.text.slice(0, 1000), sms: false });
      await queueDelivery(tx, recipient.id, round);
      return true;
    });
    if (claimed) {
      reminded += 1;
      warningIds.add(recipient.warningId);
    }
  }
  return { reminded, warningIds: [...warningIds] };
}
