/**
 * The district's monthly report (月报), generated from the records of [from, to) so the same
 * month gives the same report whenever it is asked for (the ticket parts read the append-only
 * trail up to the month's end, not the tickets' current state):
 *
 * - **calls**: calls that entered the queue in the month; answered = has an answer time;
 *   connection rate = answered / offered (GB/T 33358), timely answer = answered within 15 s / answered.
 * - **tickets**: tickets created in the month, police-type and non-police.
 * - **closure rate**: of them, those closed (`closed` or `closed_at_intake`) before the month's
 *   end / those not merged into another ticket before it (a merged duplicate is settled by its target).
 * - **direct answers**: tickets created in the month and closed at intake; rate over all created.
 * - **mailbox**: letters received and the on-time reply figure per mailbox (mailbox module).
 * - **top categories**: the ten categories with most tickets created in the month.
 * - **units with most overdue**: per unit, the tickets due in the month (statistics module's
 *   `on_time_completion` denominator) minus those replied in time; the ten largest, ties by name.
 * - **settlement** (属地化解, 70/20/10): non-police tickets closed in the month by the level that held
 *   them when they closed (grid, street, district), each share beside its target, with the grid
 *   workers' part per level: handled on the spot (自处) and patrol reports (巡查上报) routed there
 *   (routing module's `computeSettlementShares`; a closed ticket's level no longer changes).
 * - **emergency** (应急管理): the emergency figures of the month (emergency-figures module's
 *   `buildEmergencyFigures`): incidents, time to the initial report, acknowledgements per unit,
 *   task on-time rate, warning acknowledgement rate, resources dispatched.
 * A month without data gives zeros and null rates.
 */
import type { PrismaClient } from '@yixian/db';
import { computeConnectionRate, computeDirectAnswerRate, computeTimelyAnswerRate, TIMELY_ANSWER_SECONDS } from '@yixian/domain';
import { buildEmergencyFigures } from '../emergency-figures/build-emergency-figures.js';
import { computeMailboxFigures } from '../mailbox/compute-mailbox-figures.js';
import { computeSettlementShares } from '../routing/settlement-shares.js';
import { computeUnitTicketFigures } from '../statistics/ticket-figures.js';
import type { ReportMonth } from './report-month.js';

const TOP = 10;

interface CallCounts { offered: bigint; answered: bigint; abandoned: bigint; within15: bigint }

async function countCalls(prisma: PrismaClient, { from, to }: ReportMonth) {
  const [row] = await prisma.$queryRaw<CallCounts[]>`
    SELECT count(*) AS offered,
           count(*) FILTER (WHERE "answeredAt" IS NOT NULL) AS answered,
           count(*) FILTER (WHERE state = 'abandoned') AS abandoned,
           count(*) FILTER (WHERE "answeredAt" IS NOT NULL AND "waitSeconds" <= ${TIMELY_ANSWER_SECONDS}) AS within15
      FROM "call" WHERE "enteredAt" >= ${from} AND "enteredAt" < ${to}`;
  const offered = Number(row?.offered ?? 0);
  const answered = Number(row?.answered ?? 0);
  const within15 = Number(row?.within15 ?? 0);
  return {
    offered, answered, abandoned: Number(row?.abandoned ?? 0), answeredWithin15s: within15,
    connectionRate: computeConnectionRate({ answered, offered }),
    timelyAnswerRate: computeTimelyAnswerRate({ answeredWithin15s: within15, answered }),
  };
}

async function countTickets(prisma: PrismaClient, { from, to }: ReportMonth) {
  const created = await prisma.ticket.findMany({ where: { createdAt: { gte: from, lt: to } }, select: { id: true, ticketClass: true, categoryId: true } });
  const ids = created.map((t) => t.id);
  const settled = await prisma.ticketEvent.findMany({
    where: { ticketId: { in: ids }, at: { lt: to }, toState: { in: ['closed', 'closed_at_intake', 'merged'] } },
    select: { ticketId: true, toState: true, action: true },
  });
  const merged = new Set(settled.filter((e) => e.toState === 'merged').map((e) => e.ticketId));
  const closed = new Set(settled.filter((e) => e.toState !== 'merged' && !merged.has(e.ticketId)).map((e) => e.ticketId));
  const direct = new Set(settled.filter((e) => e.action === 'close-at-intake').map((e) => e.ticketId));
  const closable = created.length - merged.size;
  return {
    created,
    counts: {
      total: created.length,
      police: created.filter((t) => t.ticketClass === 'police').length,
      nonPolice: created.filter((t) => t.ticketClass === 'non_police').length,
      closed: closed.size,
      merged: merged.size,
      closureRate: closable > 0 ? closed.size / closable : null,
      directAnswers: direct.size,
      directAnswerRate: computeDirectAnswerRate({ closedAtIntake: direct.size, accepted: created.length }),
    },
  };
}

async function rankCategories(prisma: PrismaClient, created: { categoryId: string }[]) {
  const counts = new Map<string, number>();
  for (const { categoryId } of created) counts.set(categoryId, (counts.get(categoryId) ?? 0) + 1);
  const names = new Map((await prisma.category.findMany({ where: { id: { in: [...counts.keys()] } }, select: { id: true, name: true, nameEn: true } })).map((c) => [c.id, c]));
  return [...counts].map(([categoryId, count]) => ({
    categoryId, name: names.get(categoryId)?.name ?? categoryId, nameEn: names.get(categoryId)?.nameEn ?? categoryId,
    count, share: count / created.length,
  })).sort((a, b) => b.count - a.count || a.categoryId.localeCompare(b.categoryId)).slice(0, TOP);
}

async function rankOverdueUnits(prisma: PrismaClient, month: ReportMonth, now: Date) {
  const figures = await computeUnitTicketFigures(prisma, { from: month.from, to: month.to, now });
  const rows = [...figures].map(([unitId, f]) => ({ unitId, due: f.on_time_completion.denominator, overdue: f.on_time_completion.denominator - f.on_time_completion.numerator }))
    .filter((row) => row.overdue > 0);
  const units = new Map((await prisma.unit.findMany({ where: { id: { in: rows.map((r) => r.unitId) } }, select: { id: true, name: true, nameEn: true } })).map((u) => [u.id, u]));
  return rows.filter((row) => units.has(row.unitId))
    .map((row) => ({ ...row, name: units.get(row.unitId)!.name, nameEn: units.get(row.unitId)!.nameEn }))
    .sort((a, b) => b.overdue - a.overdue || a.unitId.localeCompare(b.unitId)).slice(0, TOP);
}

export type MonthlyReport = Awaited<ReturnType<typeof buildMonthlyReport>>;

/** The report; see the module comment. `now` only decides which deadlines have passed. */
export async function buildMonthlyReport(prisma: PrismaClient, month: ReportMonth, now: Date) {
  const [calls, tickets] = await Promise.all([countCalls(prisma, month), countTickets(prisma, month)]);
  const [mailbox, topCategories, overdueUnits, settlement, emergency] = await Promise.all([
    computeMailboxFigures(prisma, { from: month.from, to: month.to, now }),
    rankCategories(prisma, tickets.created),
    rankOverdueUnits(prisma, month, now),
    computeSettlementShares(prisma, month),
    buildEmergencyFigures(prisma, { from: month.from, to: month.to, now, unitIds: null }),
  ]);
  return {
    month: month.month,
    from: month.from.toISOString(),
    to: month.to.toISOString(),
    generatedAt: now.toISOString(),
    calls,
    tickets: tickets.counts,
    mailbox: mailbox.map(({ mailbox: name, received, lettersDue, repliedInTime, onTimeRate }) => ({ mailbox: name, received, lettersDue, repliedInTime, onTimeRate })),
    topCategories,
    overdueUnits,
    settlement,
    emergency,
  };
}
