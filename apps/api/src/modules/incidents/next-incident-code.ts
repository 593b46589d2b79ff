/** Incident codes `SJ20260302` + 4 digits: one counter row `incident:<yyyymmdd>` per Shanghai day, bumped atomically. */
import type { Prisma } from '@yixian/db';
import { formatShanghaiDay } from '../tickets/next-ticket-code.js';

/** Takes the next number of the day inside the transaction that writes the incident (gap-free: a rollback gives it back). */
export async function nextIncidentCode(tx: Prisma.TransactionClient, now: Date): Promise<string> {
  const day = formatShanghaiDay(now);
  const rows = await tx.$queryRaw<{ value: bigint }[]>`
    INSERT INTO counter (name, value) VALUES (${`incident:${day}`}, 1)
    ON CONFLICT (name) DO UPDATE SET value = counter.value + 1
    RETURNING value`;
  const value = rows[0]?.value ?? 1n;
  return `SJ${day}${String(value).padStart(4, '0')}`;
}
