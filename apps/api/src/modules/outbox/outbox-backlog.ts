/**
 * What `/metrics` shows of the outbox: how late its oldest overdue row is, and how many rows it
 * gave up on. Deadline steps wait in the outbox until they come within reach (dispatch-outbox.ts),
 * so a dispatcher that stopped handing rows over shows here, not in any BullMQ queue.
 */
import type { PrismaClient } from '@yixian/db';
import { MAX_OUTBOX_ATTEMPTS, UNTIMED, WAITING_KEY, WAITING_ORDER, WAITING_ROWS } from './dispatch-outbox.js';

export interface OutboxBacklog {
  /**
   * Seconds since the first row a pass would take should have left: an untimed row (the lowest id,
   * rows are numbered as written) since it was written, a timed one since its time; of
   * the two, whichever is longer. 0 when none is overdue. Rows given up on are not counted.
   */
  overdueSeconds: number;
  /** Rows left after MAX_OUTBOX_ATTEMPTS failed hand-overs (each logged with its error): an operator's to look at. */
  givenUp: number;
}

/**
 * Two probes of `outbox_waiting_idx` (the oldest untimed row, the earliest timed row due by `now`)
 * and a count over the rows not handed over (`outbox_dispatchedAt_id_idx`): cheap at every scrape.
 */
export async function readOutboxBacklog(prisma: PrismaClient, now: Date): Promise<OutboxBacklog> {
  const at = now.toISOString();
  const [row] = await prisma.$queryRaw<Array<{ untimedSince: Date | null; timedSince: Date | null; givenUp: number }>>`
    SELECT
      (SELECT "createdAt" FROM "outbox" WHERE ${WAITING_ROWS} AND ${WAITING_KEY} = ${UNTIMED}
        ORDER BY ${WAITING_ORDER} LIMIT 1) AS "untimedSince",
      (SELECT "runAt" FROM "outbox" WHERE ${WAITING_ROWS} AND ${WAITING_KEY} > ${UNTIMED} AND ${WAITING_KEY} <= ${at}::timestamp(3)
        ORDER BY ${WAITING_ORDER} LIMIT 1) AS "timedSince",
      (SELECT count(*)::int FROM "outbox" WHERE "dispatchedAt" IS NULL AND "attempts" >= ${MAX_OUTBOX_ATTEMPTS}) AS "givenUp"`;
  const ages = [row?.untimedSince, row?.timedSince].filter((since): since is Date => since instanceof Date).map((since) => (now.getTime() - since.getTime()) / 1000);
  return { overdueSeconds: Math.max(0, ...ages), givenUp: row?.givenUp ?? 0 };
}
