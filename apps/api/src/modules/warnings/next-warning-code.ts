/** Warning codes `YJ20260302001`: counter `warning:<yyyymmdd>` per Shanghai calendar day, bumped atomically. */
import type { Prisma } from '@yixian/db';
import { formatShanghaiDay } from '../tickets/next-ticket-code.js';

/**
 * The next code of the day, taken inside the transaction that writes the warning: the counter's
 * row lock serialises takers and a rollback gives the number back. Past 999 the number grows a digit.
 */
export async function nextWarningCode(tx: Prisma.TransactionClient, now: Date): Promise<string> {
  const day = formatShanghaiDay(now);
  const rows = await tx.$queryRaw<{ value: bigint }[]>`
    INSERT INTO counter (name, value) VALUES (${`warning:${day}`}, 1)
    ON CONFLICT (name) DO UPDATE SET value = counter.value + 1
    RETURNING value`;
  return `YJ${day}${String(rows[0]?.value ?? 1n).padStart(3, '0')}`;
}
