/**
 * Keeps the rollups current from the worker (a repeatable job, every 30 s). Tickets: the trail
 * entries past the watermark name the tickets that changed; every day any of their entries falls
 * on is recounted (a dispatch changes the ticket's level, so its older days move too). The scan
 * starts a margin of ids BEFORE the watermark, because ids are taken at insert but become visible
 * at commit: a slow transaction's entry may appear behind a faster one's. Recounting is idempotent,
 * so the overlap costs time, never correctness. Calls: the call-events worker recounts a call's hour
 * when it ends; calls closed by a resync are caught here by their `updatedAt`.
 */
import type { PrismaClient } from '@yixian/db';
import { rebuildCallRollups, startOfHour } from './call-rollup.js';
import { rebuildIndicatorFacts, refreshIndicatorFacts } from './refresh-indicator-facts.js';
import { rebuildTicketRollups, recountTicketDays, shanghaiDay } from './ticket-rollup.js';

const ID_MARGIN = 500n;
const BATCH = 5000;
const CALL_MARGIN_MS = 120_000;

async function refreshTicketRollups(prisma: PrismaClient): Promise<number> {
  const mark = await prisma.rollupWatermark.findUnique({ where: { name: 'ticket' } });
  const after = (mark?.lastEventId ?? 0n) - ID_MARGIN;
  const events = await prisma.ticketEvent.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' }, take: BATCH, select: { id: true, ticketId: true } });
  if (events.length === 0) return 0;
  const ticketIds = [...new Set(events.map((e) => e.ticketId))];
  const touched = await prisma.ticketEvent.findMany({ where: { ticketId: { in: ticketIds } }, select: { at: true } });
  const days = [...new Set(touched.map((e) => shanghaiDay(e.at).getTime()))].sort((a, b) => a - b);
  for (const day of days) await recountTicketDays(prisma, new Date(day), new Date(day));
  const last = events[events.length - 1]!.id;
  const lastEventId = mark && mark.lastEventId > last ? mark.lastEventId : last;
  await prisma.rollupWatermark.upsert({ where: { name: 'ticket' }, create: { name: 'ticket', lastEventId }, update: { lastEventId, updatedAt: new Date() } });
  return days.length;
}

async function refreshResyncedCalls(prisma: PrismaClient): Promise<number> {
  const mark = await prisma.rollupWatermark.findUnique({ where: { name: 'call' } });
  const since = new Date((mark?.updatedAt.getTime() ?? 0) - CALL_MARGIN_MS);
  const started = new Date();
  const calls = await prisma.call.findMany({ where: { resynced: true, updatedAt: { gte: since } }, select: { enteredAt: true } });
  const hours = [...new Set(calls.map((c) => startOfHour(c.enteredAt).getTime()))];
  for (const hour of hours) await rebuildCallRollups(prisma, { from: new Date(hour), to: new Date(hour + 3600_000) });
  await prisma.rollupWatermark.upsert({ where: { name: 'call' }, create: { name: 'call', updatedAt: started }, update: { updatedAt: started } });
  return hours.length;
}

/** Tickets whose indicator facts one pass refreshes at most (a bulk import is worked off over several passes). */
const INDICATOR_TICKETS_PER_PASS = 20_000;

/** One refresh pass; returns how many ticket days, call hours and tickets' indicator facts were recounted. */
export async function refreshRollups(prisma: PrismaClient): Promise<{ ticketDays: number; callHours: number; indicatorTickets: number }> {
  return {
    ticketDays: await refreshTicketRollups(prisma),
    callHours: await refreshResyncedCalls(prisma),
    indicatorTickets: await refreshIndicatorFacts(prisma, { maxTickets: INDICATOR_TICKETS_PER_PASS }),
  };
}

/**
 * Rebuilds the call and ticket rollups for [from, to) from the raw records (an operator's repair,
 * or after an import); with `indicators`, every ticket's indicator facts and the whole indicator
 * rollup too (needed after the work calendar or a category's limits changed).
 */
export async function rebuildRollups(prisma: PrismaClient, range: { from: Date; to: Date; indicators?: boolean }): Promise<void> {
  if (!(range.to > range.from)) throw new RangeError('rebuildRollups: to must be after from');
  await rebuildCallRollups(prisma, range);
  await rebuildTicketRollups(prisma, range);
  if (range.indicators) await rebuildIndicatorFacts(prisma);
}
