/**
 * The roster gap alarm: each tier-1 unit with nobody on duty now or within the look-ahead gets
 * one alarm per gap — an inbox entry for every commander (`duty_gap`) and a live push on the
 * `incidents` topic (`{ type: 'duty.gap', unitId }`) — keyed by the unit and the gap's start, so
 * a check every few minutes, a retry, or two workers at once raise it once. Ids only in the push.
 */
import type { PrismaClient } from '@yixian/db';
import { formatDue } from '../notifications/name-notified-ticket.js';
import { NOTIFICATION_KINDS } from '../notifications/notification-kinds.js';
import { notify } from '../notifications/notify.js';
import { addToOutbox } from '../outbox/add-to-outbox.js';
import { OUTBOX_TOPICS } from '../outbox/outbox-topics.js';
import { findCommanderIds } from '../incident-tasks/find-commanders.js';
import { findDutyGaps, type DutyGap } from './find-duty-gaps.js';

export const INCIDENTS_TOPIC = 'incidents';

const gapKey = (gap: DutyGap) => `${gap.unit.id}-${gap.from ? gap.from.toISOString() : 'never'}`;

export async function raiseDutyGapAlarms(prisma: PrismaClient, options: { now: Date; lookaheadHours: number }): Promise<{ gaps: number; alarmed: number }> {
  const gaps = await findDutyGaps(prisma, options.now, options.lookaheadHours);
  let alarmed = 0;
  for (const gap of gaps) {
    const raised = await prisma.$transaction(async (tx) => {
      const commanders = await findCommanderIds(tx);
      const start = gap.current ? '现在' : formatDue(gap.from ?? options.now);
      let created = 0;
      for (const userId of commanders) {
        const id = await notify(tx, { userId }, {
          ticketId: null, kind: NOTIFICATION_KINDS.duty_gap, dedupeKey: `duty-gap-${gapKey(gap)}-${userId}`,
          title: `值班空档：${gap.unit.name} ${start}起无人值班`, body: `至 ${formatDue(gap.to)}`,
        });
        if (id) created++;
      }
      const pushed = await addToOutbox(tx, {
        topic: OUTBOX_TOPICS.live_push, dedupeKey: `duty-gap-push-${gapKey(gap)}`,
        payload: { topic: INCIDENTS_TOPIC, payload: { type: 'duty.gap', unitId: gap.unit.id } },
      });
      return pushed || created > 0;
    });
    if (raised) alarmed++;
  }
  return { gaps: gaps.length, alarmed };
}
