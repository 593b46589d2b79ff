/**
 * Where a recipient's text message and call go: a unit's on-duty person now (the roster's
 * `on_duty` shift covering this moment), else the unit's duty line; a grid worker's own phone.
 * Read inside the job at sending time, so numbers never sit in job payloads or logs.
 */
import type { Prisma } from '@yixian/db';
import { findOnDuty } from '../duty-rosters/find-on-duty.js';

export interface RecipientReach {
  phone: string | null;
  /** The on-duty shift the phone came from; null for the duty line or a worker's phone. */
  dutyShiftId: string | null;
}

export async function reachRecipient(db: Prisma.TransactionClient, recipient: { unitId: string | null; userId: string | null }, at: Date): Promise<RecipientReach> {
  if (recipient.unitId) {
    const shift = await findOnDuty(db, recipient.unitId, at);
    if (shift) return { phone: shift.phone, dutyShiftId: shift.id };
    const unit = await db.unit.findUnique({ where: { id: recipient.unitId }, select: { dutyPhone: true } });
    return { phone: unit?.dutyPhone ?? null, dutyShiftId: null };
  }
  if (!recipient.userId) return { phone: null, dutyShiftId: null };
  const user = await db.user.findUnique({ where: { id: recipient.userId }, select: { phone: true } });
  return { phone: user?.phone ?? null, dutyShiftId: null };
}
