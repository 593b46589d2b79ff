/**
 * The one door to the PBX for red warnings (CONTRACT.md "Alert calls"): a phone broadcast to a
 * recipient unit's on-duty phone, prompt `warning`, DTMF 1 = acknowledged. The alert-calls module
 * (helper "pbx-alert") places the call and reports results; until it is on main this adapter
 * records the AlertCall row only (outcome `placed`), so the rest of the module does not change
 * when the call is wired.
 */
import type { PrismaClient } from '@yixian/db';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/config.js';
import type { Clock } from '../../lib/clock.js';

export interface WarningCallDeps {
  prisma: PrismaClient;
  redis: Redis;
  config: AppConfig;
  clock: Clock;
}

export interface WarningCallInput {
  warningRecipientId: string;
  dutyShiftId: string | null;
  attempt: number;
  /** Read from the roster or the unit at sending time; handed to the PBX under a key taken once, never logged. */
  number: string;
}

/** How long a broadcast rings before it counts as no answer. */
export const WARNING_RING_SECONDS = 30;

/** Places one broadcast call; idempotent per (recipient, attempt): a redone job places nothing twice. */
export async function placeWarningCall(deps: WarningCallDeps, input: WarningCallInput): Promise<{ id: string; placed: boolean }> {
  const existing = await deps.prisma.alertCall.findFirst({ where: { purpose: 'warning', warningRecipientId: input.warningRecipientId, attempt: input.attempt } });
  if (existing) return { id: existing.id, placed: false };
  const row = await deps.prisma.alertCall.create({
    data: { purpose: 'warning', warningRecipientId: input.warningRecipientId, dutyShiftId: input.dutyShiftId, attempt: input.attempt, placedAt: deps.clock.now() },
  });
  return { id: row.id, placed: true };
}
