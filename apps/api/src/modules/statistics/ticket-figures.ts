/**
 * The contract for the assessment (S3) and the figures API: every ticket indicator of DOMAIN.md
 * per unit for a period [from, to), computed from the tickets and their append-only trail only,
 * so the same period always gives the same figures, and the tickets behind a figure recompute it.
 * What "in time", "due in the period" etc. mean is written in collect-indicator-sets.ts.
 */
import type { PrismaClient } from '@yixian/db';
import {
  computeDirectAnswerRate, computeExtensionRate, computeMailboxOnTimeReplyRate, computeOnTimeCompletionRate,
  computeOnTimeSignRate, computeRedoRate, computeReturnRate, computeSatisfactionRate, resolveTimeLimits, type TimeLimits,
} from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { loadWorkCalendar } from '../deadlines/work-calendar.service.js';
import { collectIndicatorSets, type TrailTicket } from './collect-indicator-sets.js';
import {
  createEmptySets, isTicketIndicator, TICKET_INDICATORS,
  type IndicatorFigure, type TicketIndicator, type UnitIndicatorSets, type UnitTicketFigures,
} from './ticket-indicators.js';

export { TICKET_INDICATORS, COUNT_INDICATORS, CENTRE_KEY, isTicketIndicator } from './ticket-indicators.js';
export type { TicketIndicator, IndicatorFigure, UnitTicketFigures } from './ticket-indicators.js';

/** The longest a handling window can reach back: 15 working days + a 5-day extension + holidays, with margin. */
const LOOKBACK_MS = 120 * 24 * 3600_000;

export interface TicketFigureQuery {
  from: Date;
  to: Date;
  /** Only these units (the map still has every one of them, with zeros). */
  unitIds?: string[];
  /** "Now" for deadlines still ahead (defaults to the wall clock; pass the app clock). */
  now?: Date;
}

const RATE: Record<Exclude<TicketIndicator, 'supervision_count' | 'notice_count'>, (n: number, d: number) => number | null> = {
  on_time_sign: (n, d) => computeOnTimeSignRate({ signedInTime: n, dispatched: d }),
  on_time_completion: (n, d) => computeOnTimeCompletionRate({ repliedInTime: n, due: d }),
  return_rate: (n, d) => computeReturnRate({ returned: n, dispatched: d }),
  redo_rate: (n, d) => computeRedoRate({ reopened: n, replied: d }),
  satisfaction: (n, d) => computeSatisfactionRate({ satisfied: n, basicallySatisfied: 0, followUps: d }),
  extension_rate: (n, d) => computeExtensionRate({ extended: n, dispatched: d }),
  direct_answer: (n, d) => computeDirectAnswerRate({ closedAtIntake: n, accepted: d }),
  mailbox_on_time: (n, d) => computeMailboxOnTimeReplyRate({ repliedInTime: n, lettersDue: d }),
};

/** One figure from its two sets: a rate through the domain's formula, or a count. */
export function computeIndicatorValue(indicator: TicketIndicator, numerator: number, denominator: number): IndicatorFigure {
  const value = indicator === 'supervision_count' || indicator === 'notice_count' ? numerator : RATE[indicator](numerator, denominator);
  return { numerator, denominator, value };
}

function checkPeriod(query: { from: Date; to: Date }): void {
  if (!(query.from instanceof Date) || Number.isNaN(query.from.getTime())) throw new AppError('validation_failed', 'from must be a valid time', { field: 'from' });
  if (!(query.to instanceof Date) || Number.isNaN(query.to.getTime())) throw new AppError('validation_failed', 'to must be a valid time', { field: 'to' });
  if (query.to <= query.from) throw new AppError('validation_failed', 'to must be after from', { field: 'to' });
}

/** Tickets loaded per query; well under PostgreSQL's 65,535 bind parameters. */
const TICKET_CHUNK = 5_000;

async function loadSets(prisma: PrismaClient, query: TicketFigureQuery): Promise<Map<string, UnitIndicatorSets>> {
  checkPeriod(query);
  const since = new Date(query.from.getTime() - LOOKBACK_MS);
  // Ids first, then tickets with their trails in chunks: one query over a year's tickets would
  // pass PostgreSQL's limit of bind parameters when Prisma loads the trails by ticket id.
  const ids = await prisma.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT "ticketId" AS id FROM ticket_event WHERE at >= ${since} AND at < ${query.to}`;
  const tickets = [];
  for (let i = 0; i < ids.length; i += TICKET_CHUNK) {
    tickets.push(...(await prisma.ticket.findMany({
      where: { id: { in: ids.slice(i, i + TICKET_CHUNK).map((row) => row.id) } },
      select: {
        id: true, kind: true, channel: true, urgency: true, fields: true, categoryId: true,
        events: { where: { at: { lt: query.to } }, orderBy: { id: 'asc' }, select: { action: true, toState: true, unitId: true, actorId: true, data: true, at: true } },
      },
    })));
  }
  const categoryIds = [...new Set(tickets.map((t) => t.categoryId))];
  const categories = await prisma.category.findMany({ where: { id: { in: categoryIds } }, select: { id: true, handleLimitDays: true, signLimitHours: true } });
  const limits = new Map<string, { limits: TimeLimits; handleDays?: number }>();
  for (const c of categories) {
    limits.set(c.id, {
      limits: resolveTimeLimits(c.signLimitHours != null ? { signHours: c.signLimitHours } : {}),
      ...(c.handleLimitDays != null ? { handleDays: c.handleLimitDays } : {}),
    });
  }
  const actorIds = [...new Set(tickets.flatMap((t) => t.events.filter((e) => e.action === 'create' && e.actorId).map((e) => e.actorId!)))];
  const users = await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, unitId: true } });
  const unitOf = new Map(users.map((u) => [u.id, u.unitId]));
  const calendar = await loadWorkCalendar(prisma);
  const trailTickets: TrailTicket[] = tickets.map((t) => ({ ...t, trail: t.events }));
  return collectIndicatorSets(trailTickets, {
    from: query.from, to: query.to, now: query.now ?? new Date(), calendar,
    limitsFor: (id) => limits.get(id) ?? { limits: resolveTimeLimits() },
    unitOfUser: (id) => (id ? unitOf.get(id) ?? null : null),
  });
}

/** Every indicator's numerator and denominator per unit for [from, to), from the tickets and their trail. */
export async function computeUnitTicketFigures(prisma: PrismaClient, query: TicketFigureQuery): Promise<Map<string, UnitTicketFigures>> {
  const sets = await loadSets(prisma, query);
  const keys = query.unitIds ?? [...sets.keys()];
  const result = new Map<string, UnitTicketFigures>();
  for (const unitId of keys) {
    const unit = sets.get(unitId) ?? createEmptySets();
    const figures = {} as UnitTicketFigures;
    for (const indicator of TICKET_INDICATORS) {
      figures[indicator] = computeIndicatorValue(indicator, unit[indicator].numerator.size, unit[indicator].denominator.size);
    }
    result.set(unitId, figures);
  }
  return result;
}

/** The ticket ids behind one indicator of one unit (drill-down); recomputing the indicator from them gives the same value. */
export async function listIndicatorTickets(
  prisma: PrismaClient,
  query: { from: Date; to: Date; unitId: string; indicator: TicketIndicator; now?: Date },
): Promise<{ numeratorIds: string[]; denominatorIds: string[] }> {
  if (!isTicketIndicator(query.indicator)) {
    throw new AppError('validation_failed', `Unknown indicator "${String(query.indicator)}"; expected one of ${TICKET_INDICATORS.join(', ')}`, { field: 'indicator' });
  }
  const sets = (await loadSets(prisma, query)).get(query.unitId) ?? createEmptySets();
  const { numerator, denominator } = sets[query.indicator];
  return { numeratorIds: [...numerator].sort(), denominatorIds: [...denominator].sort() };
}
