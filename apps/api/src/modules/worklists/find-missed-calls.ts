/**
 * 未接/放弃来电: calls that reached no agent — abandoned in the queue, timed out or overflowed —
 * and every call whose caller asked for a call-back (after hours, overflow menu), in the window.
 * One row per caller: the newest unanswered call stands for the earlier ones (`missedCount`).
 * A caller who got through since is off the list (resolved by itself), as is a case reached,
 * proved a wrong number, or out of attempts (packages/domain callback-rules).
 */
import type { CallbackAttempt, PrismaClient } from '@yixian/db';
import { maskPhone, type CallbackRules } from '@yixian/domain';
import { agentNamesOf, progressOf } from './attempt-presenter.js';
import { toDialableNumber } from './dialable-number.js';
import type { MissedCallCase } from './worklists.schemas.js';

interface MissedRow {
  id: string;
  hotlineNumber: string;
  hotlineName: string | null;
  hotlineNameEn: string | null;
  callerNumber: string;
  state: string;
  enteredAt: Date;
  waitSeconds: number | null;
  overflowReason: string | null;
  callbackRequestedAt: Date | null;
  answeredSince: boolean;
}

/** At most this many unanswered calls are read per request (newest first). */
const MAX_ROWS = 1000;

export async function findMissedCalls(prisma: PrismaClient, options: CallbackRules & { since: Date; now: Date }): Promise<MissedCallCase[]> {
  // The (callerNumber, enteredAt) index answers the "got through since" probe per row.
  const rows = await prisma.$queryRaw<MissedRow[]>`
    SELECT c.id, c."hotlineNumber", h.name AS "hotlineName", h."nameEn" AS "hotlineNameEn", c."callerNumber", c.state,
           c."enteredAt", c."waitSeconds", c."overflowReason", c."callbackRequestedAt",
           EXISTS (SELECT 1 FROM call l WHERE l."callerNumber" = c."callerNumber" AND l."enteredAt" > c."enteredAt" AND l."answeredAt" IS NOT NULL) AS "answeredSince"
    FROM call c LEFT JOIN hotline h ON h.number = c."hotlineNumber"
    WHERE c."enteredAt" >= ${options.since} AND c."answeredAt" IS NULL
      AND (c.state IN ('abandoned', 'timeout', 'overflow') OR c."callbackRequestedAt" IS NOT NULL)
    ORDER BY c."enteredAt" DESC
    LIMIT ${MAX_ROWS}`;
  const byCaller = new Map<string, MissedRow[]>();
  for (const row of rows) {
    if (row.answeredSince) continue;
    const list = byCaller.get(row.callerNumber) ?? [];
    list.push(row);
    byCaller.set(row.callerNumber, list);
  }
  const callIds = [...byCaller.values()].flat().map((row) => row.id);
  const attempts = callIds.length > 0 ? await prisma.callbackAttempt.findMany({ where: { callId: { in: callIds } } }) : [];
  const names = await agentNamesOf(prisma, attempts);
  const attemptsByCall = new Map<string, CallbackAttempt[]>();
  for (const attempt of attempts) attemptsByCall.set(attempt.callId!, [...(attemptsByCall.get(attempt.callId!) ?? []), attempt]);

  const cases: MissedCallCase[] = [];
  for (const [callerNumber, calls] of byCaller) {
    const newest = calls[0]!;
    const { progress, fields } = progressOf(calls.flatMap((call) => attemptsByCall.get(call.id) ?? []), options, names);
    if (progress.isDone) continue;
    const requested = calls.find((call) => call.callbackRequestedAt !== null);
    cases.push({
      callId: newest.id,
      hotlineNumber: newest.hotlineNumber,
      hotlineName: newest.hotlineName,
      hotlineNameEn: newest.hotlineNameEn,
      callerNumber: maskPhone(callerNumber),
      state: newest.state,
      enteredAt: newest.enteredAt.toISOString(),
      waitSeconds: newest.waitSeconds,
      overflowReason: newest.overflowReason,
      callbackRequestedAt: requested?.callbackRequestedAt?.toISOString() ?? null,
      missedCount: calls.length,
      ...fields,
      canDial: toDialableNumber(callerNumber) !== null,
    });
  }
  // Callback requests first (the caller asked), then the newest; a case waiting for its retry last.
  const due = (c: MissedCallCase) => (c.nextAttemptAt !== null && new Date(c.nextAttemptAt) > options.now ? 1 : 0);
  return cases.sort((a, b) => due(a) - due(b)
    || Number(b.callbackRequestedAt !== null) - Number(a.callbackRequestedAt !== null)
    || b.enteredAt.localeCompare(a.enteredAt));
}
