/**
 * The ticket rollup by (Shanghai day, unit, category, channel, kind, class, level): trail entries
 * counted per day, with the ticket's category, channel, kind, class and level as they stand. A day
 * is always recounted whole from `ticket_event` ⋈ `ticket`, so the rows kept by the refresh job and
 * a `rebuildTicketRollups` over the same days are equal by construction. The unit is the entry's
 * unit (the lead unit after a dispatch, the acting unit otherwise); a `create` has none and is
 * counted under `centre`. "In time" figures are not rolled up: they need the deadline of each
 * handling episode, which `ticket-figures.ts` recomputes exactly from the trail.
 */
import type { Prisma, PrismaClient } from '@yixian/db';
import { CENTRE_KEY } from './ticket-indicators.js';

const DAY_MS = 24 * 3600_000;
const SHANGHAI_MS = 8 * 3600_000;
type Db = PrismaClient | Prisma.TransactionClient;

/** The Shanghai calendar day (as a UTC-midnight Date, how `@db.Date` reads back) of an instant. */
export function shanghaiDay(at: Date): Date {
  const local = at.getTime() + SHANGHAI_MS;
  return new Date(Math.floor(local / DAY_MS) * DAY_MS);
}

/** Recounts the Shanghai days [firstDay, lastDay] (UTC-midnight dates) whole. */
export async function recountTicketDays(db: Db, firstDay: Date, lastDay: Date): Promise<void> {
  const from = new Date(firstDay.getTime() - SHANGHAI_MS);
  const to = new Date(lastDay.getTime() + DAY_MS - SHANGHAI_MS);
  await db.$executeRaw`DELETE FROM "ticket_rollup" WHERE "day" >= ${firstDay}::date AND "day" <= ${lastDay}::date`;
  await db.$executeRaw`
    INSERT INTO "ticket_rollup" ("day", "unitId", "categoryId", "channel", "kind", "ticketClass", "level",
      "created", "dispatched", "signed", "returned", "extended", "replied", "reopened", "closed", "satisfied", "supervised", "updatedAt")
    SELECT (e."at" + interval '8 hours')::date, coalesce(e."unitId", ${CENTRE_KEY}), t."categoryId", t."channel", t."kind",
           t."ticketClass", coalesce(t."level", ''),
           count(*) FILTER (WHERE e."action" = 'create')::int,
           count(*) FILTER (WHERE e."action" IN ('dispatch', 'escalate') AND e."toState" = 'dispatched')::int,
           count(*) FILTER (WHERE e."action" = 'sign')::int,
           count(*) FILTER (WHERE e."action" = 'return')::int,
           count(*) FILTER (WHERE e."action" = 'approve-extension' AND e."data"->>'approve' = 'true')::int,
           count(*) FILTER (WHERE e."action" = 'reply')::int,
           count(*) FILTER (WHERE e."action" = 'reopen')::int,
           count(*) FILTER (WHERE e."action" IN ('close', 'close-at-intake'))::int,
           count(*) FILTER (WHERE e."action" IN ('follow-up', 'close') AND e."data"->>'verdict' IN ('satisfied', 'basically_satisfied'))::int,
           count(*) FILTER (WHERE e."action" = 'supervise')::int,
           now()
      FROM "ticket_event" e JOIN "ticket" t ON t."id" = e."ticketId"
     WHERE e."at" >= ${from} AND e."at" < ${to}
     GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/** Recomputes every ticket rollup row of the Shanghai days touching [from, to). */
export async function rebuildTicketRollups(prisma: PrismaClient, range: { from: Date; to: Date }): Promise<void> {
  await prisma.$transaction((tx) => recountTicketDays(tx, shanghaiDay(range.from), shanghaiDay(new Date(range.to.getTime() - 1))), { timeout: 120_000 });
}
