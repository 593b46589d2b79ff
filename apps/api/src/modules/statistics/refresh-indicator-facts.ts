/**
 * Keeps `ticket_indicator_fact` and `indicator_rollup` current. A trigger on `ticket_event` marks
 * the tickets whose trail grew (`ticket_indicator_dirty`, with the clock time of the mark); a
 * refresh reads a batch of marks without locking them (ticket actions never wait for it), derives
 * the tickets' facts from their whole trails, replaces them, deletes only the marks whose time is
 * unchanged (a trail entry written meanwhile keeps its ticket marked), and recounts whole every Shanghai day
 * whose rollable facts changed. Refreshes are serialised by an advisory lock, so a day is never
 * recounted by two at once. The worker runs it every few seconds, and every read of the figures
 * runs it first, so figures include every entry committed before the read.
 */
import type { Prisma, PrismaClient } from '@yixian/db';
import { deriveIndicatorFacts } from './derive-indicator-facts.js';
import type { IndicatorFact } from './indicator-facts.js';
import { loadTrailTickets } from './load-trail-tickets.js';

type Tx = Prisma.TransactionClient;

/** `pg_advisory_xact_lock` key of the indicator refresh ('YXIF'). */
const REFRESH_LOCK = 0x59584946;
const DEFAULT_BATCH = 2_000;
const SHANGHAI = "interval '8 hours'";

const shanghaiDayOf = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function insertFacts(tx: Tx, facts: readonly IndicatorFact[]): Promise<void> {
  for (let i = 0; i < facts.length; i += 10_000) {
    const part = facts.slice(i, i + 10_000);
    await tx.$executeRaw`
      INSERT INTO "ticket_indicator_fact" ("ticketId", "unitKey", "indicator", "seq", "at", "hitAt", "verdict", "unreplied", "rollable")
      SELECT * FROM unnest(${part.map((f) => f.ticketId)}::text[], ${part.map((f) => f.unitKey)}::text[], ${part.map((f) => f.indicator)}::text[],
        ${part.map((f) => f.seq)}::int[], ${part.map((f) => f.at.toISOString())}::timestamp[], ${part.map((f) => f.hitAt?.toISOString() ?? null)}::timestamp[],
        ${part.map((f) => f.verdict)}::text[], ${part.map((f) => f.unreplied)}::boolean[], ${part.map((f) => f.rollable)}::boolean[])`;
  }
}

/** The SELECT that sums rollable facts into rollup rows (shared by the day recount and the rebuild). */
const ROLLUP_SELECT = `
  SELECT (f."at" + ${SHANGHAI})::date AS day, f."unitKey", f."indicator",
         CASE WHEN f."indicator" = 'satisfaction' OR f."hitAt" IS NULL THEN (f."at" + ${SHANGHAI})::date ELSE (f."hitAt" + ${SHANGHAI})::date END AS "hitDay",
         sum(CASE WHEN f."indicator" = 'satisfaction' THEN (f."verdict" IS DISTINCT FROM 'unreachable')::int ELSE 1 END)::int AS denominator,
         sum(CASE WHEN f."indicator" = 'satisfaction' THEN (f."verdict" IN ('satisfied', 'basically_satisfied'))::int ELSE (f."hitAt" IS NOT NULL)::int END)::int AS numerator
    FROM "ticket_indicator_fact" f`;

/** Recounts the given Shanghai days ('YYYY-MM-DD') whole from the rollable facts. */
async function recountDays(tx: Tx, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.$executeRaw`DELETE FROM "indicator_rollup" WHERE "day" = ANY(${days}::date[])`;
  await tx.$executeRawUnsafe(`
    INSERT INTO "indicator_rollup" ("day", "unitKey", "indicator", "hitDay", "denominator", "numerator")
    ${ROLLUP_SELECT}
    JOIN unnest($1::date[]) AS d(day) ON f."at" >= d.day - ${SHANGHAI} AND f."at" < d.day + interval '1 day' - ${SHANGHAI}
   WHERE f."rollable"
   GROUP BY 1, 2, 3, 4`, days);
}

async function refreshBatch(prisma: PrismaClient, batch: number, recount: boolean): Promise<number> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REFRESH_LOCK})`;
    const marks = await tx.$queryRaw<{ ticketId: string; markedAt: Date }[]>`
      SELECT "ticketId", "markedAt" FROM "ticket_indicator_dirty" ORDER BY "ticketId" LIMIT ${batch}`;
    if (marks.length === 0) return 0;
    const ids = marks.map((m) => m.ticketId);
    const { tickets, context } = await loadTrailTickets(tx, ids);
    const facts = tickets.flatMap((ticket) => deriveIndicatorFacts(ticket, context));
    const old = await tx.$queryRaw<{ day: string }[]>`
      SELECT DISTINCT to_char(("at" + interval '8 hours')::date, 'YYYY-MM-DD') AS day
        FROM "ticket_indicator_fact" WHERE "ticketId" = ANY(${ids}::text[]) AND "rollable"`;
    await tx.$executeRaw`DELETE FROM "ticket_indicator_fact" WHERE "ticketId" = ANY(${ids}::text[])`;
    await insertFacts(tx, facts);
    // Only marks not moved since they were read: a ticket whose trail grew meanwhile stays marked.
    await tx.$executeRaw`
      DELETE FROM "ticket_indicator_dirty" d USING unnest(${ids}::text[], ${marks.map((m) => m.markedAt.toISOString())}::timestamp[]) AS r("ticketId", "markedAt")
       WHERE d."ticketId" = r."ticketId" AND d."markedAt" = r."markedAt"`;
    if (!recount) return ids.length;
    const days = new Set(old.map((row) => row.day));
    for (const fact of facts) if (fact.rollable) days.add(shanghaiDayOf(fact.at));
    await recountDays(tx, [...days].sort());
    return ids.length;
  }, { timeout: 300_000, maxWait: 60_000 });
}

/**
 * Derives the facts of every marked ticket (in batches) and recounts the days they touch; returns
 * how many tickets were refreshed. `maxTickets` bounds one call (the worker's tick).
 */
export async function refreshIndicatorFacts(prisma: PrismaClient, options: { batch?: number; maxTickets?: number; recount?: boolean } = {}): Promise<number> {
  const batch = Math.min(options.batch ?? DEFAULT_BATCH, options.maxTickets ?? Number.POSITIVE_INFINITY);
  let done = 0;
  while (options.maxTickets === undefined || done < options.maxTickets) {
    const count = await refreshBatch(prisma, batch, options.recount ?? true);
    done += count;
    if (count < batch) break;
  }
  return done;
}

/**
 * Marks every ticket and rebuilds all facts and the whole rollup (after an import, or when the
 * calendar or a category's limits changed, since facts carry the deadlines computed with them).
 */
export async function rebuildIndicatorFacts(prisma: PrismaClient, options: { batch?: number } = {}): Promise<number> {
  await prisma.$executeRaw`INSERT INTO "ticket_indicator_dirty" ("ticketId") SELECT "id" FROM "ticket" ON CONFLICT DO NOTHING`;
  // Facts batch by batch without day recounts, then the rollup once, set-based.
  const tickets = await refreshIndicatorFacts(prisma, { ...options, recount: false });
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REFRESH_LOCK})`;
    await tx.$executeRaw`DELETE FROM "indicator_rollup"`;
    await tx.$executeRawUnsafe(`INSERT INTO "indicator_rollup" ("day", "unitKey", "indicator", "hitDay", "denominator", "numerator")
      ${ROLLUP_SELECT} WHERE f."rollable" GROUP BY 1, 2, 3, 4`);
  }, { timeout: 600_000, maxWait: 60_000 });
  return tickets;
}
