/**
 * A red warning's broadcast answered with DTMF 1: the recipient acknowledged by phone (via
 * `phone`), unless it already had, or its revision is no longer the one in force. Runs in the
 * transaction that wrote the call's outcome, so a repeated result changes nothing.
 */
import type { AlertCall, Prisma } from '@yixian/db';
import { WARNING_STATES } from '@yixian/domain';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { recordWarningAct } from './record-warning-act.js';

/** Returns the warning's id when an acknowledgement was recorded (the caller pushes the change). */
export async function acknowledgeByPhone(tx: Prisma.TransactionClient, call: Pick<AlertCall, 'id' | 'outcome' | 'warningRecipientId'>, now: Date): Promise<string | null> {
  if (call.outcome !== 'acknowledged' || !call.warningRecipientId) return null;
  const recipient = await tx.warningRecipient.findUnique({ where: { id: call.warningRecipientId }, include: { warning: true } });
  if (!recipient || recipient.acknowledgedAt || recipient.revision !== recipient.warning.revision || recipient.warning.state !== WARNING_STATES.published) return null;
  const { count } = await tx.warningRecipient.updateMany({ where: { id: recipient.id, acknowledgedAt: null }, data: { acknowledgedAt: now, acknowledgedVia: 'phone' } });
  if (count === 0) return null;
  await recordWarningAct(tx, null, null, now, {
    action: AUDIT_ACTIONS.warningAcknowledge, warningId: recipient.warningId,
    details: { revision: recipient.revision, via: 'phone', recipientId: recipient.id, alertCallId: call.id },
  });
  return recipient.warningId;
}
