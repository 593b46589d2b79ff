/** Ticket codes `YX20260302-00001`: one counter row per Shanghai calendar day, bumped atomically. */
import type { Prisma } from '@yixian/db';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The day as `YYYYMMDD` in Asia/Shanghai (UTC+8, no DST). */
export function formatShanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/** The counter row that numbers a day's tickets ("day" as formatShanghaiDay gives it). */
export function ticketCounterName(day: string): string {
  return `ticket-${day}`;
}

/** A day's ticket codes: this prefix and the day's number, at least five digits. */
export function ticketCodePrefix(day: string): string {
  return `YX${day}-`;
}

/**
 * Takes the next number of the day, inside the transaction that writes the ticket (intake,
 * diversion): the counter's row lock serialises takers until commit, and a rollback gives the
 * number back, so the day's codes are gap-free.
 */
export async function nextTicketCode(tx: Prisma.TransactionClient, now: Date): Promise<string> {
  const day = formatShanghaiDay(now);
  const rows = await tx.$queryRaw<{ value: bigint }[]>`
    INSERT INTO counter (name, value) VALUES (${ticketCounterName(day)}, 1)
    ON CONFLICT (name) DO UPDATE SET value = counter.value + 1
    RETURNING value`;
  const value = rows[0]?.value ?? 1n;
  return `${ticketCodePrefix(day)}${String(value).padStart(5, '0')}`;
}
