/**
 * The records behind a figure, paginated and masked (the presenters mask every caller number).
 * `calls.<count>` lists the calls of a call figure with the rollup's own rules (final states, hour
 * buckets starting in [from, to)); a ticket indicator lists one page of its numerator or
 * denominator tickets, so the list recomputes the figure. Rows carry names beside the codes: a call its
 * hotline's and its agent's, a ticket its category's and lead unit's, so nobody reads an id. A
 * ticket the caller may not read through `GET /api/tickets/:id` is counted but not listed
 * (`hiddenOnPage`), as in the assessment's drill-down.
 */
import type { Prisma, PrismaClient } from '@yixian/db';
import { FINAL_CALL_STATES, TIMELY_ANSWER_SECONDS } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { presentCall } from '../calls/call-presenter.js';
import { presentTicket } from '../tickets/ticket-presenter.js';
import { ticketScopeWhere } from '../tickets/ticket-scope.js';
import { SERVICE_LEVEL_SECONDS, startOfHour } from './call-rollup.js';
import { readIndicatorPage } from './read-indicator-figures.js';
import { checkPeriod, isTicketIndicator, TICKET_INDICATORS } from './ticket-figures.js';

export const CALL_METRICS = ['offered', 'answered', 'abandoned', 'answered_within_15s', 'answered_within_sl', 'abandoned_within_sl'] as const;
type CallMetric = (typeof CALL_METRICS)[number];

const CALL_WHERE: Record<CallMetric, Prisma.CallWhereInput> = {
  offered: {},
  answered: { answeredAt: { not: null } },
  abandoned: { answeredAt: null, state: 'abandoned' },
  answered_within_15s: { answeredAt: { not: null }, OR: [{ waitSeconds: null }, { waitSeconds: { lte: TIMELY_ANSWER_SECONDS } }] },
  answered_within_sl: { answeredAt: { not: null }, OR: [{ waitSeconds: null }, { waitSeconds: { lte: SERVICE_LEVEL_SECONDS } }] },
  abandoned_within_sl: { answeredAt: null, state: 'abandoned', OR: [{ waitSeconds: null }, { waitSeconds: { lte: SERVICE_LEVEL_SECONDS } }] },
};

const ceilHour = (at: Date) => startOfHour(new Date(at.getTime() + 3600_000 - 1));

export interface DrillQuery {
  metric: string;
  from: Date;
  to: Date;
  now: Date;
  page: number;
  pageSize: number;
  hotline?: string;
  /** For ticket indicators: the unit, already checked against the caller's scope. */
  unitId?: string;
  part?: 'numerator' | 'denominator';
  /** Whether the caller may see calls (centre supervisors only). */
  canSeeCalls: boolean;
}

/** The page of records behind the figure; tickets are filtered by the actor's ticket scope. */
export async function drillDown(prisma: PrismaClient, actor: Actor, query: DrillQuery) {
  const skip = (query.page - 1) * query.pageSize;
  if (query.metric.startsWith('calls.')) {
    const metric = query.metric.slice('calls.'.length);
    if (!(CALL_METRICS as readonly string[]).includes(metric)) {
      throw new AppError('validation_failed', `Unknown call metric "${metric}"; expected one of ${CALL_METRICS.join(', ')}`, { field: 'metric' });
    }
    if (!query.canSeeCalls) throw new AppError('forbidden', 'Call figures are for the centre\'s supervisors', { field: 'metric' });
    const where: Prisma.CallWhereInput = {
      ...CALL_WHERE[metric as CallMetric], state: CALL_WHERE[metric as CallMetric].state ?? { in: [...FINAL_CALL_STATES] },
      enteredAt: { gte: ceilHour(query.from), lt: ceilHour(query.to) }, ...(query.hotline ? { hotlineNumber: query.hotline } : {}),
    };
    const [total, calls] = await Promise.all([
      prisma.call.count({ where }),
      prisma.call.findMany({ where, orderBy: [{ enteredAt: 'asc' }, { id: 'asc' }], skip, take: query.pageSize }),
    ]);
    const [hotlines, agents] = await Promise.all([
      prisma.hotline.findMany({ where: { number: { in: [...new Set(calls.map((c) => c.hotlineNumber))] } }, select: { number: true, name: true, nameEn: true } }),
      prisma.user.findMany({ where: { id: { in: calls.flatMap((c) => (c.agentUserId ? [c.agentUserId] : [])) } }, select: { id: true, displayName: true } }),
    ]);
    const hotlineOf = new Map(hotlines.map((h) => [h.number, h]));
    const agentOf = new Map(agents.map((a) => [a.id, a.displayName]));
    return {
      kind: 'calls' as const, total, page: query.page, pageSize: query.pageSize,
      calls: calls.map((c) => ({
        ...presentCall(c), hotlineName: hotlineOf.get(c.hotlineNumber)?.name ?? null, hotlineNameEn: hotlineOf.get(c.hotlineNumber)?.nameEn ?? null,
        agentName: c.agentUserId ? agentOf.get(c.agentUserId) ?? null : null,
      })),
    };
  }
  if (!isTicketIndicator(query.metric)) {
    throw new AppError('validation_failed', `Unknown metric "${query.metric}"; expected calls.<${CALL_METRICS.join('|')}> or one of ${TICKET_INDICATORS.join(', ')}`, { field: 'metric' });
  }
  if (!query.unitId) throw new AppError('validation_failed', 'A ticket figure is drilled for one unit: give unitId', { field: 'unitId' });
  checkPeriod(query);
  const part = query.part ?? 'denominator';
  const page = await readIndicatorPage(prisma, {
    from: query.from, to: query.to, now: query.now, unitId: query.unitId, indicator: query.metric,
    part, offset: skip, limit: query.pageSize,
  });
  // The figure counts every ticket the unit held in the period; the list shows only those the
  // caller may still read (one re-dispatched away, or confidential, is counted but not shown).
  const tickets = await prisma.ticket.findMany({
    where: { AND: [{ id: { in: page.ids } }, ticketScopeWhere(actor)] }, orderBy: { createdAt: 'asc' },
    include: { category: { select: { name: true, nameEn: true } }, leadUnit: { select: { name: true, nameEn: true } } },
  });
  return {
    kind: 'tickets' as const, total: page[part], page: query.page, pageSize: query.pageSize,
    numerator: page.numerator, denominator: page.denominator, hiddenOnPage: page.ids.length - tickets.length,
    tickets: tickets.map(({ category, leadUnit, ...t }) => ({
      ...presentTicket(t), categoryName: category.name, categoryNameEn: category.nameEn, unitName: leadUnit?.name ?? null, unitNameEn: leadUnit?.nameEn ?? null,
    })),
  };
}
