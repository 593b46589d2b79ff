/**
 * The call rollup by (hour, hotline). Idempotence by recomputation: when a call ends, its whole
 * hour bucket is recounted from the raw `call` rows (only calls in a final state count), so a
 * replayed event, a resync or two workers racing on the same hour all end with the same row, and
 * `rebuildCallRollups` over any range equals the rows kept live. An hour holds a few hundred calls
 * at most, so the recount is one indexed aggregate.
 */
import { Prisma, type PrismaClient } from '@yixian/db';
import { FINAL_CALL_STATES, TIMELY_ANSWER_SECONDS } from '@yixian/domain';

/** Asterisk's `servicelevel` in telephony/asterisk/queues.conf: SL / SL2 count waits up to it. */
export const SERVICE_LEVEL_SECONDS = 15;

const HOUR_MS = 3600_000;
type Db = PrismaClient | Prisma.TransactionClient;

export function startOfHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** Recounts the whole-hour buckets of [from, to) for one hotline or all: rows are replaced, empty hours vanish. */
async function recountBuckets(db: Db, from: Date, to: Date, hotline?: string): Promise<void> {
  const final = [...FINAL_CALL_STATES] as string[];
  const onHotline = (column: string) => (hotline === undefined ? Prisma.empty : Prisma.sql` AND ${Prisma.raw(column)} = ${hotline}`);
  await db.$executeRaw`DELETE FROM "call_rollup" WHERE "hour" >= ${from} AND "hour" < ${to}${onHotline('"hotline"')}`;
  await db.$executeRaw`
    INSERT INTO "call_rollup" ("hour", "hotline", "offered", "answered", "abandoned", "answeredWithin15s",
      "answeredWithinThreshold", "abandonedWithinThreshold", "totalWaitSeconds", "totalTalkSeconds", "updatedAt")
    SELECT date_trunc('hour', "enteredAt"), "hotlineNumber",
           count(*)::int,
           count(*) FILTER (WHERE "answeredAt" IS NOT NULL)::int,
           count(*) FILTER (WHERE "answeredAt" IS NULL AND state = 'abandoned')::int,
           count(*) FILTER (WHERE "answeredAt" IS NOT NULL AND coalesce("waitSeconds", 0) <= ${TIMELY_ANSWER_SECONDS})::int,
           count(*) FILTER (WHERE "answeredAt" IS NOT NULL AND coalesce("waitSeconds", 0) <= ${SERVICE_LEVEL_SECONDS})::int,
           count(*) FILTER (WHERE "answeredAt" IS NULL AND state = 'abandoned' AND coalesce("waitSeconds", 0) <= ${SERVICE_LEVEL_SECONDS})::int,
           coalesce(sum("waitSeconds") FILTER (WHERE "answeredAt" IS NOT NULL), 0)::bigint,
           coalesce(sum("talkSeconds") FILTER (WHERE "answeredAt" IS NOT NULL), 0)::bigint,
           now()
      FROM "call"
     WHERE "enteredAt" >= ${from} AND "enteredAt" < ${to} AND state = ANY(${final}::text[])${onHotline('"hotlineNumber"')}
     GROUP BY 1, 2
    ON CONFLICT ("hour", "hotline") DO UPDATE SET
      "offered" = EXCLUDED."offered", "answered" = EXCLUDED."answered", "abandoned" = EXCLUDED."abandoned",
      "answeredWithin15s" = EXCLUDED."answeredWithin15s", "answeredWithinThreshold" = EXCLUDED."answeredWithinThreshold",
      "abandonedWithinThreshold" = EXCLUDED."abandonedWithinThreshold", "totalWaitSeconds" = EXCLUDED."totalWaitSeconds",
      "totalTalkSeconds" = EXCLUDED."totalTalkSeconds", "updatedAt" = now()`;
}

/**
 * Called by the call-events worker after it writes a call (one line in calls.jobs.ts). A call not
 * yet in a final state changes nothing; a final one recounts its (hour, hotline) bucket in one
 * transaction, so calling it twice, or out of order, leaves the same row.
 */
export async function recordCallRollup(prisma: PrismaClient, call: { enteredAt: Date; hotlineNumber: string; state: string }): Promise<void> {
  if (!(FINAL_CALL_STATES as readonly string[]).includes(call.state)) return;
  const hour = startOfHour(call.enteredAt);
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`call_rollup:${hour.toISOString()}:${call.hotlineNumber}`}))`;
    await recountBuckets(tx, hour, new Date(hour.getTime() + HOUR_MS), call.hotlineNumber);
  });
}

/** Recomputes every call bucket of [from, to) from the raw calls (hours are widened to whole hours). */
export async function rebuildCallRollups(prisma: PrismaClient, range: { from: Date; to: Date }): Promise<void> {
  const from = startOfHour(range.from);
  const to = startOfHour(new Date(range.to.getTime() + HOUR_MS - 1));
  await prisma.$transaction((tx) => recountBuckets(tx, from, to), { timeout: 120_000 });
}
