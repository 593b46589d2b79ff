/**
 * Job `warning.deliver` `{ warningRecipientId, round }` (round 0 = publication, 1-3 = reminders):
 * the text message to the recipient's phone through the SMS gateway, and for a red warning to a
 * unit the phone broadcast (attempt = round + 1). Nothing goes to a recipient that acknowledged,
 * or whose revision is no longer in force. A redone job sends and calls once (dedupe keys).
 */
import { UnrecoverableError } from 'bullmq';
import { WARNING_LEVELS, WARNING_STATES } from '@yixian/domain';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { createRecordOnlySmsGateway } from '../notifications/sms-gateway.js';
import { reachRecipient } from './reach-recipient.js';
import { placeWarningCall } from './warning-alert-calls.js';
import { smsBody } from './warning-words.js';

export interface DeliveryResult {
  skipped?: 'gone' | 'acknowledged' | 'not_in_force';
  sms: boolean;
  callId: string | null;
  /** No phone known for the recipient (counts only; the number is never logged). */
  unreachable: boolean;
}

export function parseDeliveryPayload(data: unknown): { warningRecipientId: string; round: number } {
  const payload = (data ?? {}) as { warningRecipientId?: unknown; round?: unknown };
  if (typeof payload.warningRecipientId !== 'string' || payload.warningRecipientId.length === 0 || payload.warningRecipientId.length > 64) {
    throw new UnrecoverableError('warning.deliver: warningRecipientId must be a recipient id');
  }
  if (!Number.isInteger(payload.round) || (payload.round as number) < 0 || (payload.round as number) > 3) {
    throw new UnrecoverableError('warning.deliver: round must be a whole number from 0 to 3');
  }
  return { warningRecipientId: payload.warningRecipientId, round: payload.round as number };
}

export async function deliverWarning(context: WorkerContext, data: unknown): Promise<DeliveryResult> {
  const { warningRecipientId, round } = parseDeliveryPayload(data);
  const recipient = await context.prisma.warningRecipient.findUnique({ where: { id: warningRecipientId }, include: { warning: true } });
  if (!recipient) return { skipped: 'gone', sms: false, callId: null, unreachable: false };
  const { warning } = recipient;
  if (warning.state !== WARNING_STATES.published || warning.revision !== recipient.revision) return { skipped: 'not_in_force', sms: false, callId: null, unreachable: false };
  if (recipient.acknowledgedAt) return { skipped: 'acknowledged', sms: false, callId: null, unreachable: false };
  const now = context.clock.now();
  const reach = await reachRecipient(context.prisma, recipient, now);
  if (!reach.phone) {
    context.log.warn({ warningId: warning.id, warningRecipientId, round }, 'warning recipient has no phone');
    return { sms: false, callId: null, unreachable: true };
  }
  context.smsGateway ??= createRecordOnlySmsGateway(context.prisma);
  const sms = await context.smsGateway.send({ to: reach.phone, body: smsBody(warning), dedupeKey: `sms-warning-${warningRecipientId}-${round}` });
  let callId: string | null = null;
  if (warning.level === WARNING_LEVELS.red && recipient.unitId) {
    const call = await placeWarningCall(context, { warningRecipientId, dutyShiftId: reach.dutyShiftId, attempt: round + 1, number: reach.phone });
    callId = call.id;
  }
  return { sms, callId, unreachable: false };
}
