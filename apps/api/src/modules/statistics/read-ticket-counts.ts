/**
 * Ticket counts by one dimension, read from the daily rollup (Shanghai days overlapping [from, to)
 * — the rollup's grain is a day, so a period is widened to whole days). `state` is not a trail
 * count: it groups the tickets CREATED in the period by the state they are in now (column `created`).
 */
import { Prisma, type PrismaClient } from '@yixian/db';
import { exportLabels, type ExportLabels } from '../../lib/export-labels.js';
import { shanghaiDay } from './ticket-rollup.js';

export const TICKET_GROUPS = ['channel', 'kind', 'category', 'unit', 'level', 'state', 'class'] as const;
export type TicketGroup = (typeof TICKET_GROUPS)[number];
export const TICKET_COUNT_COLUMNS = ['created', 'dispatched', 'signed', 'returned', 'extended', 'replied', 'reopened', 'closed', 'satisfied', 'supervised'] as const;
export type TicketCountColumn = (typeof TICKET_COUNT_COLUMNS)[number];
export type TicketCountRow = { key: string; label: string; labelEn: string } & Record<TicketCountColumn, number>;

const COLUMN_SQL: Record<Exclude<TicketGroup, 'state'>, string> = {
  channel: '"channel"', kind: '"kind"', category: '"categoryId"', unit: '"unitId"', level: '"level"', class: '"ticketClass"',
};

const emptyCounts = (): Record<TicketCountColumn, number> =>
  Object.fromEntries(TICKET_COUNT_COLUMNS.map((c) => [c, 0])) as Record<TicketCountColumn, number>;

/** Groups whose keys are code names: labelled with the console's words (巡查上报 for grid_patrol). */
const CODE_LABELS: Partial<Record<TicketGroup, keyof ExportLabels>> = { channel: 'channels', kind: 'kinds', class: 'classes', state: 'ticketStates' };

async function labelsFor(prisma: PrismaClient, groupBy: TicketGroup, keys: string[]): Promise<Map<string, { name: string; nameEn: string }>> {
  const words = CODE_LABELS[groupBy];
  if (words) {
    const zh = exportLabels('zh-CN')[words];
    const en = exportLabels('en')[words];
    return new Map(keys.map((key) => [key, { name: zh[key] ?? key, nameEn: en[key] ?? key }]));
  }
  if (groupBy === 'unit') return new Map((await prisma.unit.findMany({ where: { id: { in: keys } }, select: { id: true, name: true, nameEn: true } })).map((u) => [u.id, u]));
  if (groupBy === 'category') return new Map((await prisma.category.findMany({ where: { id: { in: keys } }, select: { id: true, name: true, nameEn: true } })).map((c) => [c.id, c]));
  return new Map();
}

/** Rows by the dimension and the total; `unitIds` limits to those units (a dept_admin's own). */
export async function readTicketCounts(prisma: PrismaClient, query: { from: Date; to: Date; groupBy: TicketGroup; unitIds: string[] | null }) {
  const byKey = new Map<string, Record<TicketCountColumn, number>>();
  if (query.groupBy === 'state') {
    const grouped = await prisma.ticket.groupBy({
      by: ['state'], _count: { _all: true },
      where: { createdAt: { gte: query.from, lt: query.to }, ...(query.unitIds ? { leadUnitId: { in: query.unitIds } } : {}) },
    });
    for (const g of grouped) byKey.set(g.state, { ...emptyCounts(), created: g._count._all });
  } else {
    const firstDay = shanghaiDay(query.from);
    const lastDay = shanghaiDay(new Date(query.to.getTime() - 1));
    const units = query.unitIds ? Prisma.sql` AND "unitId" IN (${Prisma.join(query.unitIds.length ? query.unitIds : [''])})` : Prisma.empty;
    const sums = TICKET_COUNT_COLUMNS.map((c) => `sum("${c}")::int AS "${c}"`).join(', ');
    const raw = await prisma.$queryRaw<({ key: string } & Record<TicketCountColumn, number>)[]>`
      SELECT ${Prisma.raw(COLUMN_SQL[query.groupBy])} AS key, ${Prisma.raw(sums)}
        FROM "ticket_rollup" WHERE "day" >= ${firstDay}::date AND "day" <= ${lastDay}::date${units}
       GROUP BY 1 ORDER BY 1`;
    for (const { key, ...counts } of raw) byKey.set(key, counts);
  }
  const labels = await labelsFor(prisma, query.groupBy, [...byKey.keys()]);
  const total = emptyCounts();
  const rows: TicketCountRow[] = [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, counts]) => {
    for (const c of TICKET_COUNT_COLUMNS) total[c] += counts[c];
    const label = labels.get(key);
    return { key, label: label?.name ?? key, labelEn: label?.nameEn ?? key, ...counts };
  });
  return { rows, total: { key: 'total', label: '合计', labelEn: 'Total', ...total } };
}
